package io.voicepartner.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code infra/bench/run --feed}: issue 19's channels. Changes are assistant edits ({@code PATCH}) of one
 * organization, sent open loop at a fixed rate; every phase's latency runs from the event's {@code occurred_at} (the
 * command side's append, the same clock: one host) to the moment the harness has the event:
 *
 * <ol>
 *   <li>changes alone, for the CPU a change costs without anyone listening (the baseline of the next phases);
 *   <li>a webhook endpoint taking every type, served by a receiver in this process that answers {@code 204} at once;
 *   <li>{@code --feed-subscribers} Server-Sent-Events clients of the organization, then as many WebSocket clients,
 *       each receiving every change; before the changes, the platform's heap (after a full collection) and resident
 *       size with them connected, against the same without them, per client.
 * </ol>
 *
 * Completeness is checked, not assumed: the changes in each measured window are counted in the event store and every
 * listener must have had each once; what is missing (after a bounded wait) or repeated is printed.
 */
final class FeedBench {

    /** The receiver listens on a loopback address the platform's development allow-list opens, as in WebhooksIT. */
    static final String RECEIVER_HOST = "127.0.0.2";

    static final String ALLOW_LIST = RECEIVER_HOST + "/32";

    /** Clients of the platform's warm-up: enough to keep both cores busy with changes. */
    private static final int WARM_UP_CLIENTS = 16;

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final int ASSISTANTS = 200;
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurred_at\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]+)\"");

    private final Settings settings;
    private final Api api;
    private final Load load;
    private final PrintStream out;
    private final long platformPid;
    private final List<String[]> latencyRows = new ArrayList<>();
    private final List<String[]> memoryRows = new ArrayList<>();

    FeedBench(Settings settings, Api api, Load load, PrintStream out, long platformPid) {
        this.settings = settings;
        this.api = api;
        this.load = load;
        this.out = out;
        this.platformPid = platformPid;
    }

    void run(DataSet data) throws Exception {
        DataSet.User user = data.signUp(0, 2);
        data.users().add(user);
        List<String> assistants = new ArrayList<>();
        for (int i = 0; i < ASSISTANTS; i++) {
            assistants.add(data.createAssistant(0));
        }
        Changes changes = new Changes(user.token(), assistants);
        log("organization " + user.id() + " with " + assistants.size() + " assistants");
        warmUpThePlatform(changes);

        if (settings.profile()) {
            Profiler.start(platformPid, settings.workDir().resolve("feed-changes-alone.jfr"));
        }
        Result alone = changes(changes, settings.webhookRate(), "changes alone");
        if (settings.profile()) {
            log("profile: " + Profiler.stop(platformPid));
        }
        row("changes alone", alone, 0, null);
        webhooks(user, changes, alone);

        // --feed-subscribers 0 measures the webhooks alone, in a third of the time
        if (settings.feedSubscribers() > 0) {
            Result aloneStream = alone;
            if (settings.streamRate() != settings.webhookRate()) {
                aloneStream = changes(changes, settings.streamRate(), "changes alone");
                row("changes alone", aloneStream, 0, null);
            }
            stream(new SseClients(user.token()), changes, aloneStream);
            stream(new WebSocketClients(user.token()), changes, aloneStream);
        }
        report();
    }

    /**
     * Changes as fast as {@link #WARM_UP_CLIENTS} clients make them, unmeasured, before the first phase. A fresh JVM
     * spends its first minutes compiling the hot paths: profiled in the first phase at 50 changes/s after only its
     * own 30 s warm-up, the C2 compiler took a fifth of the platform's CPU, and the code it had not yet compiled made a
     * change cost twice what it costs at 100 changes/s. A platform in production has long been warm.
     */
    private void warmUpThePlatform(Changes changes) throws InterruptedException {
        long seconds = settings.feedPlatformWarmUp().toSeconds();
        if (seconds == 0) {
            return;
        }
        log("platform warm-up: changes from " + WARM_UP_CLIENTS + " clients for " + seconds + " s");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong made = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < WARM_UP_CLIENTS; c++) {
            Thread client = new Thread(
                    () -> {
                        while (System.nanoTime() < end) {
                            int status = api.send(changes.next()).status();
                            (status / 100 == 2 ? made : failed).incrementAndGet();
                        }
                    },
                    "bench-warm-up-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        log("platform warm-up: " + made.get() + " changes made, " + failed.get() + " failed");
    }

    private void webhooks(DataSet.User user, Changes changes, Result alone) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(RECEIVER_HOST, 0), 1024);
        ExecutorService handlers = Executors.newFixedThreadPool(16);
        server.setExecutor(handlers);
        Listener warming = new Listener(1);
        Listener receiver = new Listener(1);
        AtomicReference<Listener> listening = new AtomicReference<>(warming);
        server.createContext("/hooks", exchange -> {
            long at = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            listening.get().received(0, exchange.getRequestHeaders().getFirst("webhook-id"), body, at);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Api.Response endpoint = api.post(
                    "/api/webhook-endpoints",
                    user.token(),
                    Map.of(
                            "url",
                            "http://" + RECEIVER_HOST + ":"
                                    + server.getAddress().getPort() + "/hooks",
                            "event_types",
                            List.of("*"),
                            "description",
                            "bench receiver"));
            if (endpoint.status() != 201) {
                throw new IllegalStateException("webhook endpoint: " + endpoint);
            }
            // the delivery path's code first runs once this endpoint exists: on two saturated cores its first 15 s
            // dispatched changes up to 2.8 s late while the JIT caught up (BENCHMARKS.md, the webhook tail's seventh
            // pass), so one phase of changes with the endpoint in place comes first, not counted in the result, as the
            // platform's warm-up does for the changes themselves; its figures are logged, and the measured phase starts
            // once it has had every event of its window: the backlog it built up drained (eighth pass: up to 10 s late
            // at its start, and the measured window's first 5 s still behind when it did not wait)
            String warmUp = "webhooks, warming up the delivery path";
            measured(warming, changes, settings.webhookRate(), warmUp);
            log(warmUp + ": " + warming.summary());
            listening.set(receiver);
            Result result = measured(receiver, changes, settings.webhookRate(), "webhooks");
            row("webhook delivered", result, 1, receiver);
            log("webhooks: " + receiver.summary());
            ratio("webhook delivered", result, alone, 1);
            Api.Response deleted = api.send(api.request(
                    "DELETE",
                    "/api/webhook-endpoints/"
                            + endpoint.json().path("data").path("id").asText(),
                    user.token(),
                    null,
                    null));
            if (deleted.status() >= 300) {
                throw new IllegalStateException("deleting the webhook endpoint: " + deleted);
            }
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private void stream(Clients clients, Changes changes, Result alone) throws Exception {
        int n = settings.feedSubscribers();
        Memory before = memory();
        Listener listener = new Listener(n);
        long connecting = System.nanoTime();
        clients.connect(n, listener);
        awaitReady(clients, n);
        log(String.format(
                "%d %s clients connected in %.1f s", n, clients.name(), (System.nanoTime() - connecting) / 1e9));
        Memory with = memory();
        int connected = clients.open();
        try {
            Result result = measured(listener, changes, settings.streamRate(), clients.name());
            String name = clients.name() + " received";
            row(name, result, n, listener);
            ratio(name, result, alone, n);
            log(clients.name() + ": " + listener.summary() + "; still connected: " + clients.open());
        } finally {
            clients.close();
        }
        // the node notices the closed connections at its next write or heartbeat (LIVE_HEARTBEAT, 15 s)
        Thread.sleep(TimeUnit.SECONDS.toMillis(20));
        Memory after = memory();
        memoryRows.add(new String[] {
            clients.name(),
            Integer.toString(connected),
            Long.toString(before.heapKiB() / 1024),
            Long.toString(with.heapKiB() / 1024),
            Long.toString(after.heapKiB() / 1024),
            String.format("%.1f", (with.heapKiB() - before.heapKiB()) / (double) n),
            Long.toString(before.rssKiB() / 1024),
            Long.toString(with.rssKiB() / 1024),
            String.format("%.1f", (with.rssKiB() - before.rssKiB()) / (double) n)
        });
    }

    private void awaitReady(Clients clients, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (clients.ready() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(clients.name() + ": only " + clients.ready() + " of " + n
                        + " were ready within 2 minutes; failed to connect: " + clients.failures());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Changes at {@code rate} through the warm-up and the measured window, then waits (at most two minutes) until every
     * listener has every event of the window. How many there are is counted in the event store, the source of truth:
     * the feed may not hold them all yet when the changes stop (it lags behind the projection's batches), and a count
     * taken there would call a listener complete too early.
     */
    private Result measured(Listener listener, Changes changes, double rate, String name) throws Exception {
        long from = System.currentTimeMillis() + settings.warmUp().toMillis();
        long until = from + settings.measure().toMillis();
        listener.window(from, until);
        Result result = changes(changes, rate, name);
        listener.expect(changesBetween(from, until));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!listener.complete() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return result;
    }

    private Result changes(Changes changes, double rate, String name) throws InterruptedException {
        log(name + ": changes at " + rate + "/s for " + settings.warmUp().toSeconds() + " + "
                + settings.measure().toSeconds() + " s");
        return load.open(name, rate, changes::next, false);
    }

    /** The assistant edits the event store holds with a time in {@code [from, until)}: the changes' events. */
    private long changesBetween(long from, long until) throws SQLException {
        try (var connection = DriverManager.getConnection(settings.jdbcUrl(), "postgres", "");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM command.domain_event_entry WHERE payload_type = ? "
                                + "AND CAST(time_stamp AS timestamptz) >= ? AND CAST(time_stamp AS timestamptz) < ?")) {
            count.setString(1, "io.voicepartner.api.assistant.AssistantUpdated");
            count.setObject(
                    2, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(from), java.time.ZoneOffset.UTC));
            count.setObject(
                    3, java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(until), java.time.ZoneOffset.UTC));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The heap in use after a full collection, and the resident size, of the platform's process, in KiB. */
    private record Memory(long heapKiB, long rssKiB) {}

    private Memory memory() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        // twice: the first collection's finalizable and soft-referenced leftovers go in the second
        jcmd(jcmd, "GC.run");
        jcmd(jcmd, "GC.run");
        Thread.sleep(1000);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(jcmd, "GC.heap_info"));
        long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(platformPid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Memory(heap, rss);
    }

    private String jcmd(String jcmd, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd, Long.toString(platformPid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + ": " + output);
        }
        return output;
    }

    private void row(String name, Result changes, int listeners, Listener listener) {
        latencyRows.add(new String[] {
            name,
            String.format("%.0f", changes.offeredRate()),
            String.format("%.0f", changes.throughput()),
            Integer.toString(listeners),
            listener == null ? "—" : Long.toString(listener.expected * listeners),
            listener == null ? "—" : Long.toString(listener.inWindow.get()),
            listener == null ? "—" : Long.toString(listener.missing()),
            listener == null ? "—" : Long.toString(listener.repeated.get()),
            listener == null ? "—" : listener.disconnects(),
            listener == null ? "—" : String.format("%.0f", p(listener.latency, 50)),
            listener == null ? "—" : String.format("%.0f", p(listener.latency, 99)),
            listener == null ? "—" : String.format("%.0f", p(listener.latency, 100)),
            String.format("%.2f", changes.platformCpuPerOperation()),
            String.format("%.2f", changes.databaseCpuPerOperation()),
            Long.toString(changes.errors()),
            changes.loadAverage()
        });
    }

    /** The CPU a change costs beyond the baseline's, per change and per message delivered. */
    private void ratio(String name, Result with, Result alone, int listeners) {
        double extra = with.platformCpuPerOperation() - alone.platformCpuPerOperation();
        log(String.format(
                "%s: platform CPU per change %.2f ms against %.2f ms alone (x%.2f): %.3f ms per message to one of %d",
                name,
                with.platformCpuPerOperation(),
                alone.platformCpuPerOperation(),
                with.platformCpuPerOperation() / alone.platformCpuPerOperation(),
                extra / listeners,
                listeners));
    }

    private static double p(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private void report() {
        out.println();
        out.println("## Feed (issue 19)");
        out.println();
        out.println("- Machine: " + Machine.describe() + "; load average at the end " + Machine.loadAverage());
        out.println("- Command: `infra/bench/run --feed" + (settings.quickFlag() ? " --quick" : "") + "` ("
                + settings.warmUp().toSeconds() + " s warm-up + "
                + settings.measure().toSeconds()
                + " s measured per phase, " + settings.feedSubscribers() + " subscribers per stream)");
        out.println("- Latency: from the event's `occurred_at` (appended by the command side) to the harness having"
                + " it; changes are assistant `PATCH`es of one organization, open loop");
        out.println();
        out.println(
                "| Phase | Offered changes/s | Achieved/s | Listeners | Expected | Received | Missing | Repeated | Disconnected | p50 ms | p99 ms | max ms | CPU ms/change platform | CPU ms/change database | Errors | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
        for (String[] row : latencyRows) {
            out.println("| " + String.join(" | ", row) + " |");
        }
        out.println();
        out.println(
                "| Client | Connected | Heap before MiB | Heap with them MiB | Heap after they left MiB | Heap per client KiB | RSS before MiB | RSS with them MiB | RSS per client KiB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] row : memoryRows) {
            out.println("| " + String.join(" | ", row) + " |");
        }
        out.println();
        out.println("Heap: used after two full collections (`jcmd GC.run`, `GC.heap_info`), before the clients connect,"
                + " once all are ready (no event sent yet), and 20 s after they closed; RSS from `/proc`.");
    }

    private void log(String message) {
        out.println(
                "[" + java.time.LocalTime.now(java.time.ZoneId.systemDefault()).withNano(0) + "] " + message);
    }

    /** The changes: edits of the organization's assistants in turn, so that no two race on one assistant. */
    private final class Changes {
        private final String token;
        private final List<String> assistants;
        private final AtomicLong next = new AtomicLong();

        Changes(String token, List<String> assistants) {
            this.token = token;
            this.assistants = assistants;
        }

        HttpRequest next() {
            long n = next.getAndIncrement();
            return api.request(
                    "PATCH",
                    "/api/assistants/" + assistants.get((int) (n % assistants.size())),
                    token,
                    Map.of("description", "Change " + n),
                    "application/merge-patch+json");
        }
    }

    /**
     * What the listeners of one phase received: the latency of every event of the measured window to every
     * listener, how many such events each had, and repeats (an event id a listener had already).
     */
    private static final class Listener {
        final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final AtomicLong inWindow = new AtomicLong();
        final AtomicLong repeated = new AtomicLong();
        final List<Set<String>> seen = new ArrayList<>();
        final Map<String, AtomicLong> disconnected = new ConcurrentHashMap<>();
        volatile long from = Long.MAX_VALUE;
        volatile long until = Long.MAX_VALUE;
        volatile long expected = -1;

        Listener(int listeners) {
            for (int i = 0; i < listeners; i++) {
                seen.add(ConcurrentHashMap.newKeySet());
            }
        }

        void window(long fromMillis, long untilMillis) {
            from = fromMillis;
            until = untilMillis;
        }

        void expect(long events) {
            expected = events;
        }

        void received(int listener, String id, String event, long atMillis) {
            Matcher occurred = OCCURRED_AT.matcher(event);
            if (!occurred.find()) {
                return;
            }
            long occurredAt = Instant.parse(occurred.group(1)).toEpochMilli();
            if (!seen.get(listener).add(id)) {
                repeated.incrementAndGet();
                return;
            }
            if (occurredAt >= from && occurredAt < until) {
                inWindow.incrementAndGet();
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, atMillis - occurredAt) * 1000));
            }
        }

        /** The node closed a subscription, saying why ({@code slow_consumer}, …). */
        void disconnected(String message) {
            Matcher reason = REASON.matcher(message);
            disconnected
                    .computeIfAbsent(reason.find() ? reason.group(1) : message, r -> new AtomicLong())
                    .incrementAndGet();
        }

        String disconnects() {
            return disconnected.isEmpty() ? "0" : disconnected.toString();
        }

        boolean complete() {
            return expected >= 0 && inWindow.get() >= expected * seen.size();
        }

        long missing() {
            return Math.max(0, expected * seen.size() - inWindow.get());
        }

        String summary() {
            return String.format(
                    "%d of %d expected in the window, %d repeated, p50 %.0f ms, p99 %.0f ms, disconnected by the node: %s",
                    inWindow.get(),
                    expected * seen.size(),
                    repeated.get(),
                    p(latency, 50),
                    p(latency, 99),
                    disconnects());
        }
    }

    /** Subscribers of one kind, all of the organization the changes are made in. */
    private interface Clients {
        String name();

        void connect(int n, Listener listener);

        int ready();

        int open();

        /** Connections that could not be made, or were refused, by why: the status, or the error. */
        Map<String, Long> failures();

        void close();
    }

    /** Why a connection failed, as the client saw it: the innermost cause's type and message. */
    private static String failure(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** {@code GET /api/events/stream}, as an {@code EventSource} reads it. */
    private final class SseClients implements Clients {
        private final String token;
        private final ExecutorService executor = Executors.newFixedThreadPool(4, daemon("bench-sse"));
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
        private final AtomicInteger ready = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();
        private final List<Flow.Subscription> subscriptions = new ArrayList<>();
        private final List<CompletableFuture<HttpResponse<Void>>> connections = new ArrayList<>();

        SseClients(String token) {
            this.token = token;
        }

        @Override
        public String name() {
            return "SSE";
        }

        @Override
        public void connect(int n, Listener listener) {
            for (int i = 0; i < n; i++) {
                int index = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/events/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + token)
                        .build();
                connections.add(http.sendAsync(
                        request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                            private String event = "message";
                            private String id;

                            @Override
                            public void onSubscribe(Flow.Subscription subscription) {
                                synchronized (subscriptions) {
                                    subscriptions.add(subscription);
                                }
                                open.incrementAndGet();
                                subscription.request(Long.MAX_VALUE);
                            }

                            @Override
                            public void onNext(String line) {
                                long at = System.currentTimeMillis();
                                if (line.startsWith("event:")) {
                                    event = line.substring(6).trim();
                                } else if (line.startsWith("id:")) {
                                    id = line.substring(3).trim();
                                } else if (line.startsWith("data:")) {
                                    if ("ready".equals(event)) {
                                        ready.incrementAndGet();
                                    } else if ("message".equals(event)) {
                                        listener.received(index, id, line.substring(5), at);
                                    }
                                } else if (line.isEmpty()) {
                                    event = "message";
                                    id = null;
                                }
                            }

                            @Override
                            public void onError(Throwable throwable) {
                                open.decrementAndGet();
                            }

                            @Override
                            public void onComplete() {
                                open.decrementAndGet();
                            }
                        })));
            }
        }

        @Override
        public int ready() {
            return ready.get();
        }

        @Override
        public int open() {
            return open.get();
        }

        @Override
        public Map<String, Long> failures() {
            return connections.stream()
                    .filter(CompletableFuture::isDone)
                    .map(c -> c.handle((response, error) -> error != null
                                    ? failure(error)
                                    : response.statusCode() == 200 ? null : "HTTP " + response.statusCode())
                            .join())
                    .filter(Objects::nonNull)
                    .collect(Collectors.groupingBy(reason -> reason, TreeMap::new, Collectors.counting()));
        }

        @Override
        public void close() {
            synchronized (subscriptions) {
                subscriptions.forEach(Flow.Subscription::cancel);
            }
            executor.shutdownNow();
        }
    }

    /** {@code /api/live}, authenticated by the upgrade request's header. */
    private final class WebSocketClients implements Clients {
        private final String token;
        private final ExecutorService executor = Executors.newFixedThreadPool(4, daemon("bench-ws"));
        private final HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
        private final AtomicInteger ready = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();
        private final List<WebSocket> sockets = new ArrayList<>();
        private final List<CompletableFuture<WebSocket>> connections = new ArrayList<>();
        private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
        private static final Pattern CURSOR = Pattern.compile("\"cursor\"\\s*:\\s*\"([^\"]+)\"");

        WebSocketClients(String token) {
            this.token = token;
        }

        @Override
        public String name() {
            return "WebSocket";
        }

        @Override
        public void connect(int n, Listener listener) {
            URI live = URI.create(settings.baseUrl().replace("http://", "ws://") + "/api/live");
            for (int i = 0; i < n; i++) {
                int index = i;
                connections.add(http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .buildAsync(live, new WebSocket.Listener() {
                            private final StringBuilder message = new StringBuilder();

                            @Override
                            public void onOpen(WebSocket socket) {
                                synchronized (sockets) {
                                    sockets.add(socket);
                                }
                                open.incrementAndGet();
                                socket.request(1);
                            }

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                long at = System.currentTimeMillis();
                                message.append(data);
                                if (last) {
                                    String text = message.toString();
                                    message.setLength(0);
                                    Matcher type = TYPE.matcher(text);
                                    String kind = type.find() ? type.group(1) : "";
                                    if (kind.equals("ready")) {
                                        ready.incrementAndGet();
                                    } else if (kind.equals("disconnect") || kind.equals("error")) {
                                        listener.disconnected(text);
                                    } else if (kind.equals("event")) {
                                        Matcher cursor = CURSOR.matcher(text);
                                        listener.received(index, cursor.find() ? cursor.group(1) : text, text, at);
                                    }
                                }
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                                open.decrementAndGet();
                                return null;
                            }

                            @Override
                            public void onError(WebSocket socket, Throwable error) {
                                open.decrementAndGet();
                            }
                        }));
            }
        }

        @Override
        public int ready() {
            return ready.get();
        }

        @Override
        public int open() {
            return open.get();
        }

        @Override
        public Map<String, Long> failures() {
            return connections.stream()
                    .filter(CompletableFuture::isCompletedExceptionally)
                    .map(c -> c.handle((socket, error) -> failure(error)).join())
                    .collect(Collectors.groupingBy(reason -> reason, TreeMap::new, Collectors.counting()));
        }

        @Override
        public void close() {
            synchronized (sockets) {
                sockets.forEach(WebSocket::abort);
            }
            executor.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
