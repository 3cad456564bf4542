package io.voicepartner.bench;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code infra/bench/run}: starts the platform, loads the data set through the API, then measures, in one
 * run so that every figure is compared only with figures taken beside it: PostgreSQL's single-row insert
 * rate, create and update at each concurrency, the lag to visibility at fixed offered write rates, and
 * reads at a fixed rate. Prints the machine, JVM flags, data size and ready-to-paste markdown tables.
 */
public final class Bench {

    private static final PrintStream out = System.out;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            out.print(Settings.USAGE);
            return;
        }
        Settings settings = Settings.parse(
                args, Path.of(System.getProperty("bench.root", ".")).toAbsolutePath());
        try (Platform platform = new Platform(settings)) {
            // Ctrl-C stops the platform too, not only the harness
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    platform.close();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "stop-platform"));
            if (settings.roundTwo()) {
                new RoundTwo(settings, platform, out).run();
            } else {
                run(settings, platform);
            }
        }
    }

    private static void run(Settings settings, Platform platform) throws Exception {
        log("machine: " + Machine.describe() + "; load average " + Machine.loadAverage());
        platform.start();
        // idle means after the start-up's own work (JIT, topic creation, first polls) has died down
        Thread.sleep(TimeUnit.SECONDS.toMillis(5));
        long idleRss = platform.residentMiB();
        log("platform healthy after " + platform.startUp().toMillis() + " ms, idle RSS " + idleRss + " MiB, pid "
                + platform.pid());

        Api api = new Api(settings.baseUrl());
        DataSet data = new DataSet(api);
        if (settings.feed()) {
            Cpu cpu = new Cpu(platform.pid(), settings.jdbcUrl(), settings.database());
            cpu.sample();
            new FeedBench(settings, api, new Load(api, cpu, settings.warmUp(), settings.measure()), out, platform.pid())
                    .run(data);
            return;
        }
        if (settings.usage()) {
            Cpu cpu = new Cpu(platform.pid(), settings.jdbcUrl(), settings.database());
            cpu.sample();
            new UsageBench(settings, api, new Load(api, cpu, settings.warmUp(), settings.measure()), out).run(data);
            return;
        }
        long loadStart = System.nanoTime();
        log("loading " + settings.users() + " users, " + settings.assistants() + " assistants ...");
        data.load(settings);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        log(String.format(
                "loaded %d assistants, %d phone numbers, %d tools in %.0f s (%.0f assistants/s with 32 clients)",
                data.assistants().size(),
                data.phoneNumbers(),
                settings.users() * settings.toolsPerUser(),
                loadSeconds,
                data.assistants().size() / loadSeconds));
        List<DataSet.Assistant> loaded = List.copyOf(data.assistants());
        vacuum(settings);
        if (settings.runtime()) {
            Cpu cpu = new Cpu(platform.pid(), settings.jdbcUrl(), settings.database());
            cpu.sample();
            new RuntimeBench(
                            settings,
                            api,
                            new Load(api, cpu, settings.warmUp(), settings.measure()),
                            out,
                            platform.pid())
                    .run(data);
            return;
        }

        Cpu cpu = new Cpu(platform.pid(), settings.jdbcUrl(), settings.database());
        cpu.sample();
        Load load = new Load(api, cpu, settings.warmUp(), settings.measure());
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int run = 1; run <= settings.runs(); run++) {
            log("run " + run + " of " + settings.runs());
            for (int clients : settings.concurrencies()) {
                record(results, "baseline " + clients, load.baseline(settings.jdbcUrl(), clients));
            }
            for (int clients : settings.concurrencies()) {
                boolean profile = settings.profile() && run == 1 && clients == settings.maxConcurrency();
                if (profile) {
                    Profiler.start(platform.pid(), settings.workDir().resolve("create-" + clients + ".jfr"));
                }
                record(results, "create " + clients, load.closed("create", clients, c -> {
                    int owner = c % data.users().size();
                    return api.request(
                            "POST",
                            "/api/assistants/",
                            data.users().get(owner).token(),
                            data.newAssistant(owner),
                            "application/json");
                }));
                if (profile) {
                    log("profile: " + Profiler.stop(platform.pid()));
                }
            }
            for (int clients : settings.concurrencies()) {
                record(
                        results,
                        "update " + clients,
                        load.closed("update", clients, updates(api, data, loaded, clients)));
            }
            double bestCreate = results.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("create "))
                    .mapToDouble(e -> e.getValue().get(e.getValue().size() - 1).throughput())
                    .max()
                    .orElse(100);
            for (double fraction : settings.lagFractions()) {
                double rate = Math.max(1, Math.round(bestCreate * fraction));
                record(
                        results,
                        "lag " + fraction,
                        load.open(
                                "create at " + rate + "/s",
                                rate,
                                () -> {
                                    int owner = ThreadLocalRandom.current()
                                            .nextInt(data.users().size());
                                    return api.request(
                                            "POST",
                                            "/api/assistants/",
                                            data.users().get(owner).token(),
                                            data.newAssistant(owner),
                                            "application/json");
                                },
                                true));
            }
            vacuum(settings);
            record(
                    results,
                    "get",
                    load.open(
                            "GET by id",
                            settings.readRate(),
                            () -> {
                                DataSet.Assistant assistant =
                                        loaded.get(ThreadLocalRandom.current().nextInt(loaded.size()));
                                return api.request(
                                        "GET",
                                        "/api/assistants/" + assistant.id(),
                                        data.users().get(assistant.owner()).token(),
                                        null,
                                        null);
                            },
                            false));
            record(
                    results,
                    "list",
                    load.open(
                            "list",
                            settings.readRate(),
                            () -> {
                                DataSet.User user = data.users()
                                        .get(ThreadLocalRandom.current()
                                                .nextInt(data.users().size()));
                                return api.request(
                                        "GET", "/api/assistants/?limit=50&status=deployed", user.token(), null, null);
                            },
                            false));
        }
        // the resident size after the load, once the last requests' garbage could be collected
        Thread.sleep(TimeUnit.SECONDS.toMillis(10));
        long loadedRss = platform.residentMiB();
        report(settings, platform, data, loaded.size(), idleRss, loadedRss, results);
    }

    /**
     * What autovacuum would have done by now, after the load or the write phases' tens of thousands of rows
     * (this machine's server runs with it off): the planner's statistics, without which the list's plan is
     * the one for empty tables, and the visibility map, without which a list's count reads every matching
     * row's page instead of the index alone.
     */
    static void vacuum(Settings settings) throws SQLException {
        try (var connection = DriverManager.getConnection(settings.jdbcUrl(), "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        }
    }

    /** Each client updates only assistants of its own, so that no two clients write to one aggregate. */
    static java.util.function.IntFunction<HttpRequest> updates(
            Api api, DataSet data, List<DataSet.Assistant> loaded, int clients) {
        AtomicLong[] cursors = new AtomicLong[clients];
        Arrays.setAll(cursors, c -> new AtomicLong(c));
        return c -> {
            int index = (int) (cursors[c].getAndAdd(clients) % (loaded.size() - loaded.size() % clients));
            DataSet.Assistant assistant = loaded.get(index);
            Map<String, Object> patch = Map.of(
                    "temperature",
                    Math.round(ThreadLocalRandom.current().nextDouble() * 100) / 100.0,
                    "description",
                    "Updated at " + System.nanoTime());
            return api.request(
                    "PATCH",
                    "/api/assistants/" + assistant.id(),
                    data.users().get(assistant.owner()).token(),
                    patch,
                    "application/merge-patch+json");
        };
    }

    static void record(Map<String, List<Result>> results, String key, Result result) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        log(String.format(
                "%-16s %s %8.1f/s  p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms%s  CPU/op platform %.2f ms db %.2f ms  202: %d  errors: %d  load %s",
                key,
                result.clients() > 0 ? "c=" + result.clients() : "r=" + result.offeredRate(),
                result.throughput(),
                result.latency(50),
                result.latency(99),
                result.latency(99.9),
                result.lag() == null
                        ? ""
                        : String.format("  lag p50 %.1f ms p99 %.1f ms", result.lag(50), result.lag(99)),
                result.platformCpuPerOperation(),
                result.databaseCpuPerOperation(),
                result.accepted(),
                result.errors(),
                result.loadAverage()));
    }

    static double median(List<Result> runs, Function<Result, Double> metric) {
        double[] values = runs.stream()
                .map(metric)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return values[values.length / 2];
    }

    static String loads(List<Result> runs) {
        return String.join(
                " / ", runs.stream().map(r -> r.loadAverage().split(" ")[0]).toList());
    }

    private static void report(
            Settings settings,
            Platform platform,
            DataSet data,
            int loaded,
            long idleRss,
            long loadedRss,
            Map<String, List<Result>> results) {
        String runs = settings.runs() == 1 ? "1 run" : "median of " + settings.runs() + " runs";
        out.println();
        out.println("### Run");
        out.println();
        out.println("- Machine: " + Machine.describe());
        out.println(
                "- Platform: `" + String.join(" ", platform.command()) + "` (copy of " + settings.platformJar() + ")");
        out.println("- Data set: " + settings.users() + " users, " + settings.users() * settings.toolsPerUser()
                + " tools, " + loaded + " assistants loaded (each with 2 tools), " + data.phoneNumbers()
                + " phone numbers; the write phases add more");
        out.println("- Phases: " + settings.warmUp().toSeconds() + " s warm-up (not counted) + "
                + settings.measure().toSeconds() + " s measured; " + runs + "; load average (1 min) of each run "
                + "given, the machine's other work included");
        out.println();
        out.println("## Writes");
        out.println();
        out.println(
                "| Operation | Clients | Commands/s | p50 ms | p99 ms | p99.9 ms | PostgreSQL inserts/s | Ratio | CPU ms/op platform | CPU ms/op database | 202 | Errors | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (String operation : List.of("create", "update")) {
            for (int clients : settings.concurrencies()) {
                List<Result> r = results.get(operation + " " + clients);
                List<Result> base = results.get("baseline " + clients);
                double throughput = median(r, Result::throughput);
                double inserts = median(base, Result::throughput);
                out.printf(
                        "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.3f | %.2f | %.2f | %d | %d | %s |%n",
                        operation,
                        clients,
                        throughput,
                        median(r, x -> x.latency(50)),
                        median(r, x -> x.latency(99)),
                        median(r, x -> x.latency(99.9)),
                        inserts,
                        throughput / inserts,
                        median(r, Result::platformCpuPerOperation),
                        median(r, Result::databaseCpuPerOperation),
                        r.stream().mapToLong(Result::accepted).sum(),
                        r.stream().mapToLong(Result::errors).sum(),
                        loads(r));
            }
        }
        out.println();
        out.println(
                "| PostgreSQL single-row insert | Clients | Inserts/s | p50 ms | p99 ms | p99.9 ms | CPU ms/op database | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (int clients : settings.concurrencies()) {
            List<Result> base = results.get("baseline " + clients);
            out.printf(
                    "| autocommit INSERT | %d (%s connections) | %.0f | %.2f | %.2f | %.2f | %.3f | %s |%n",
                    clients,
                    String.join(
                            "/",
                            base.stream()
                                    .map(r -> Integer.toString(r.clients()))
                                    .toList()),
                    median(base, Result::throughput),
                    median(base, x -> x.latency(50)),
                    median(base, x -> x.latency(99)),
                    median(base, x -> x.latency(99.9)),
                    median(base, Result::databaseCpuPerOperation),
                    loads(base));
        }
        out.println();
        out.println("## Lag");
        out.println();
        out.println(
                "| Offered creates/s | Share of best create rate | Achieved/s | Lag p50 ms | Lag p99 ms | Latency p50 ms | Latency p99 ms | CPU ms/op platform | 202 | Errors | Load avg |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (double fraction : settings.lagFractions()) {
            List<Result> r = results.get("lag " + fraction);
            out.printf(
                    "| %.0f | %.2f | %.0f | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %d | %s |%n",
                    median(r, Result::offeredRate),
                    fraction,
                    median(r, Result::throughput),
                    median(r, x -> x.lag(50)),
                    median(r, x -> x.lag(99)),
                    median(r, x -> x.latency(50)),
                    median(r, x -> x.latency(99)),
                    median(r, Result::platformCpuPerOperation),
                    r.stream().mapToLong(Result::accepted).sum(),
                    r.stream().mapToLong(Result::errors).sum(),
                    loads(r));
        }
        out.println();
        out.println("## Reads");
        out.println();
        out.println(
                "| Read | Offered/s | Achieved/s | p50 ms | p99 ms | p99.9 ms | CPU ms/op platform | CPU ms/op database | Errors | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Map.Entry<String, String> read : Map.of(
                        "get", "GET /api/assistants/{id}", "list", "GET /api/assistants/?limit=50&status=deployed")
                .entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .toList()) {
            List<Result> r = results.get(read.getKey());
            out.printf(
                    "| `%s` | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                    read.getValue(),
                    settings.readRate(),
                    median(r, Result::throughput),
                    median(r, x -> x.latency(50)),
                    median(r, x -> x.latency(99)),
                    median(r, x -> x.latency(99.9)),
                    median(r, Result::platformCpuPerOperation),
                    median(r, Result::databaseCpuPerOperation),
                    r.stream().mapToLong(Result::errors).sum(),
                    loads(r));
        }
        out.println();
        out.println("## Start-up and memory");
        out.println();
        out.println("| Start-up to healthy (`GET /health` 200) | Idle RSS after start | Idle RSS after the run |");
        out.println("|---:|---:|---:|");
        out.printf("| %.1f s | %d MiB | %d MiB |%n", platform.startUp().toMillis() / 1000.0, idleRss, loadedRss);
    }

    static void log(String message) {
        out.println(
                "[" + java.time.LocalTime.now(java.time.ZoneId.systemDefault()).withNano(0) + "] " + message);
    }
}
