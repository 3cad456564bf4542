package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault scenario 10: the node that delivers webhooks (the all-in-one platform, so the query side and the command side
 * together) killed with {@code SIGKILL} while deliveries are on their way, under a stream of changes by four
 * organizations, each with an endpoint taking every event; started again on the same database and broker. Every event
 * of each organization's feed must reach its receiver, in order per resource; an event is received again only if the
 * receiver had not answered it, or if it had answered but the node died before recording the answer (ADR 0032's at
 * least once): never one whose success was recorded. The receiver holds the requests it has when the node is killed,
 * so that the kill always lands mid-delivery.
 */
class WebhookNodeKillFaultIT {

    private static final String SCENARIO = "10-webhook-node-killed";
    private static final String RECEIVER_HOST = "127.0.0.2";
    private static final String TOPIC = "voicepartner.assistants";
    private static final int ORGANIZATIONS = 4;

    @TempDir
    Path work;

    /** One request the receiver got: its webhook-id, the resource and revision in its body, and how it answered. */
    record Received(String endpoint, String id, String resource, long revision, boolean acknowledged) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void everyEventReachesItsReceiverInOrderAfterTheDeliveringNodeIsKilled() throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        HttpServer receiver = receiver();
        int port = TestInfrastructure.freePort();
        Ledger ledger = new Ledger();
        ChildPlatform platform = new ChildPlatform(database, kafka.bootstrapServers(), port);
        try {
            platform.start();
            Api api = new Api("http://127.0.0.1:" + port);
            List<Api> customers = new ArrayList<>();
            for (int n = 0; n < ORGANIZATIONS; n++) {
                Api customer = Writers.signUp(api);
                Api.Response endpoint = customer.post(
                        "/api/webhook-endpoints",
                        Map.of(
                                "url",
                                "http://" + RECEIVER_HOST + ":"
                                        + receiver.getAddress().getPort() + "/hooks/" + n,
                                "event_types",
                                List.of("*")));
                assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
                customers.add(customer);
            }
            Changes changes = new Changes(customers, ledger);
            await().atMost(Duration.ofMinutes(2)).until(() -> acknowledgedDeliveries() >= 40);

            // the next deliveries are held unanswered, and the node dies while it waits for them
            holding.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> held.get() > 0);
            long acknowledgedBeforeKill = ledger.acknowledgedCount();
            platform.kill();
            holding.set(false);
            release.countDown();
            platform.start();
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> ledger.acknowledgedCount() >= acknowledgedBeforeKill + 40);
            changes.close();

            Map<String, List<JsonNode>> feeds = new LinkedHashMap<>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        for (int n = 0; n < ORGANIZATIONS; n++) {
                            feeds.put("/hooks/" + n, feed(customers.get(n)));
                        }
                        return missing(feeds).isEmpty();
                    });
            Ledger.Counts counts = ledger.settle(SCENARIO, database, kafka.bootstrapServers(), Duration.ofMinutes(2));

            Duplicates duplicates = duplicates();
            int recordedTwice = successesRecordedTwice(database);
            long events = feeds.values().stream().mapToLong(List::size).sum();
            String report = String.format(
                    "%s: %d changes acknowledged (%d unacknowledged), %d events in the feeds, %d requests received,"
                            + " %d held when the node was killed, %d events missing, %d resources out of order,"
                            + " repeats: %d of requests not answered, %d of requests answered 2xx whose success the node"
                            + " had not recorded, %d deliveries with two recorded successes; store %s",
                    SCENARIO,
                    counts.acknowledged(),
                    counts.unacknowledged(),
                    events,
                    received.size(),
                    held.get(),
                    missing(feeds).size(),
                    outOfOrder().size(),
                    duplicates.unanswered(),
                    duplicates.answered(),
                    recordedTwice,
                    counts);
            System.out.println("RELIABILITY " + report);
            Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(Path.of("target", "reliability", SCENARIO + "-deliveries.txt"), report + "\n");

            assertThat(counts.lost()).isZero();
            assertThat(counts.duplicated()).isZero();
            assertThat(missing(feeds))
                    .as("events of the feed never answered 2xx")
                    .isEmpty();
            assertThat(outOfOrder())
                    .as("resources whose events arrived out of order")
                    .isEmpty();
            assertThat(held.get()).as("deliveries under way when the node died").isPositive();
            assertThat(duplicates.unanswered())
                    .as("the held deliveries are sent again after their lease")
                    .isGreaterThanOrEqualTo(held.get());
            assertThat(recordedTwice)
                    .as("deliveries sent again after their success was recorded")
                    .isZero();
            assertThat(duplicates.answered())
                    .as("answered repeats: at most the attempts under way when the node died (WEBHOOK_CONCURRENCY)")
                    .isLessThanOrEqualTo(8);
        } finally {
            release.countDown();
            platform.kill();
            receiver.stop(0);
            kafka.stop();
        }
    }

    /**
     * Answers {@code 204} at once, except while {@link #holding}: then it keeps each request unanswered until the test
     * releases them (after the kill, when no one waits for the answer any more).
     */
    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(RECEIVER_HOST, 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/hooks/", exchange -> {
            JsonNode event = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            String endpoint = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long revision = event.path("resource").path("revision").asLong();
            if (holding.get()) {
                held.incrementAndGet();
                received.add(new Received(endpoint, id, resource(event), revision, false));
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            received.add(new Received(endpoint, id, resource(event), revision, true));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String resource(JsonNode event) {
        return event.path("resource").path("type").asText() + "/"
                + event.path("resource").path("id").asText();
    }

    private long acknowledgedDeliveries() {
        return received.stream().filter(Received::acknowledged).count();
    }

    /** The organization's whole feed, page after page, as a client that keeps its cursor reads it. */
    private static List<JsonNode> feed(Api customer) {
        List<JsonNode> events = new ArrayList<>();
        String after = null;
        while (true) {
            Api.Response page = customer.get("/api/events?limit=200"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(events::add);
            if (page.data().size() < 200) {
                return events;
            }
            after = page.json().path("meta").path("next_cursor").asText();
        }
    }

    /** Events of a feed its endpoint never answered 2xx. */
    private List<String> missing(Map<String, List<JsonNode>> feeds) {
        Set<String> answered = new HashSet<>();
        for (Received request : received) {
            if (request.acknowledged()) {
                answered.add(request.endpoint() + " " + request.id());
            }
        }
        List<String> missing = new ArrayList<>();
        feeds.forEach((endpoint, events) -> events.forEach(event -> {
            if (!answered.contains(endpoint + " " + event.path("id").asText())) {
                missing.add(endpoint + " " + event.path("id").asText());
            }
        }));
        return missing;
    }

    /**
     * Resources whose events reached their endpoint out of order: ignoring repeats, each new event of a resource must
     * have a higher revision than every one before it.
     */
    private List<String> outOfOrder() {
        Map<String, Long> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (Received request : received) {
            if (!seen.add(request.endpoint() + " " + request.id())) {
                continue;
            }
            String key = request.endpoint() + " " + request.resource();
            Long before = last.put(key, request.revision());
            if (before != null && before >= request.revision()) {
                wrong.add(key + ": " + request.revision() + " after " + before);
            }
        }
        return wrong;
    }

    /** Requests received again: after the receiver had answered it 2xx, or after it had not answered. */
    record Duplicates(int answered, int unanswered) {}

    private Duplicates duplicates() {
        Map<String, Boolean> answeredBefore = new HashMap<>();
        int answered = 0;
        int unanswered = 0;
        for (Received request : received) {
            String key = request.endpoint() + " " + request.id();
            Boolean before = answeredBefore.get(key);
            if (before != null) {
                if (before) {
                    answered++;
                } else {
                    unanswered++;
                }
            }
            answeredBefore.merge(key, request.acknowledged(), Boolean::logicalOr);
        }
        return new Duplicates(answered, unanswered);
    }

    /** Deliveries the platform recorded as answered 2xx more than once: sent again after their success was known. */
    private static int successesRecordedTwice(TestInfrastructure.Database database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM (SELECT delivery_id FROM "
                        + "query.webhook_attempts WHERE status_code BETWEEN 200 AND 299 GROUP BY delivery_id "
                        + "HAVING count(*) > 1) twice")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * The stream of changes: per organization a client creating an assistant and editing it three times, over and
     * over; while the platform is down it tries again every 200 ms (counted as given up), as a real client backs off.
     */
    private static final class Changes implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Changes(List<Api> customers, Ledger ledger) {
            for (Api customer : customers) {
                Thread thread = new Thread(() -> write(customer, ledger), "changes");
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void write(Api customer, Ledger ledger) {
            String assistant = null;
            for (int write = 0; running.get(); write++) {
                try {
                    if (assistant == null || write % 4 == 0) {
                        Api.Response created = customer.post("/api/assistants", Map.of("name", "Changed " + write));
                        assistant = ledger.record(TOPIC, created)
                                ? created.data().path("id").asText()
                                : assistant;
                    } else {
                        ledger.record(
                                TOPIC,
                                customer.patch(
                                        "/api/assistants/" + assistant, Map.of("description", "change " + write)));
                    }
                    Thread.sleep(20);
                } catch (UncheckedIOException e) {
                    ledger.gaveUp();
                    pause(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }
    }

    /**
     * The all-in-one platform as its own process ({@code target/voicepartner-platform.jar}, what {@code ./run} starts),
     * so that it can be killed with {@code SIGKILL}; the broker stays in this JVM, as a production broker outlives a
     * node. Webhooks' lease is shortened to its least (twice the 10 s timeout) and the retries to seconds.
     */
    private final class ChildPlatform {
        private final TestInfrastructure.Database database;
        private final String kafka;
        private final int port;
        private Process process;
        private int starts;

        ChildPlatform(TestInfrastructure.Database database, String kafka, int port) {
            this.database = database;
            this.kafka = kafka;
            this.port = port;
        }

        void start() throws IOException {
            Path jar = Path.of("target", "voicepartner-platform.jar");
            assertThat(jar).as("the platform jar, built by the package phase").exists();
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-jar",
                            jar.toString(),
                            "--voicepartner.webhooks.lease=20s",
                            "--voicepartner.login.attempts-per-minute-per-client=100000")
                    .redirectErrorStream(true)
                    .redirectOutput(
                            work.resolve("platform-" + ++starts + ".log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("PORT", Integer.toString(port));
            environment.put("DATABASE_URL", database.jdbcUrl());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            environment.put("FILE_STORAGE_DIR", work.resolve("files").toString());
            environment.put("SECRET_KEY", TestKeys.TOKEN_KEY);
            environment.put("SECRETS_KEY", TestKeys.SECRETS_KEY);
            environment.put("API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY);
            environment.put("OUTBOUND_ALLOW_LIST", RECEIVER_HOST + "/32");
            environment.put("WEBHOOK_RETRY_DELAYS", "1s,2s,4s,8s,15s,30s");
            process = builder.start();
            Api api = new Api("http://127.0.0.1:" + port);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(process.isAlive())
                                .as("the platform exited; see %s", work.resolve("platform-" + starts + ".log"))
                                .isTrue();
                        try {
                            return api.get("/health").status() == 200;
                        } catch (UncheckedIOException notYet) {
                            return false;
                        }
                    });
        }

        /** {@code SIGKILL}: no shutdown hook, no transaction finished, no answer recorded. */
        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
