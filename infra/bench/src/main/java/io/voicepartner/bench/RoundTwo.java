package io.voicepartner.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code infra/bench/run --round-two}: issue 23's figures, each against its yardstick measured in the same run and
 * each phase after a warm-up. Per run: a stock Axon application (started afresh) creating and renaming items at the
 * top concurrency; the platform's create and update (merge patch) at the same concurrency; {@code GET
 * /api/assistants/{id}} closed loop on as many connections; {@code pgbench -S} with as many clients. Before the runs,
 * the platform's start-up to healthy and its idle RSS, each of a fresh start on an empty database, as many times as
 * there are runs. Prints the table with the ratios against its targets, medians of the runs.
 */
final class RoundTwo {

    private static final String PGBENCH_DATABASE = "voicepartner_bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Settings settings;
    private final Platform platform;
    private final PrintStream out;
    private final Map<String, List<Result>> results = new LinkedHashMap<>();
    private final List<Double> startUps = new ArrayList<>();
    private final List<Long> idleRss = new ArrayList<>();
    private final List<Double> startUpCpu = new ArrayList<>();
    private final List<Double> stockStartUps = new ArrayList<>();
    private final List<String> stockPublished = new ArrayList<>();
    private final List<Double> pgbenchTps = new ArrayList<>();
    private final List<Double> pgbenchLatency = new ArrayList<>();
    private final List<String> pgbenchLoads = new ArrayList<>();

    RoundTwo(Settings settings, Platform platform, PrintStream out) {
        this.settings = settings;
        this.platform = platform;
        this.out = out;
    }

    void run() throws Exception {
        Bench.log("machine: " + Machine.describe() + "; load average " + Machine.loadAverage());
        for (int start = 1; start <= settings.runs(); start++) {
            platform.close();
            platform.start();
            // idle means after the start-up's own work (JIT, topic creation, first polls) has died down
            Thread.sleep(TimeUnit.SECONDS.toMillis(5));
            startUps.add(platform.startUp().toMillis() / 1000.0);
            startUpCpu.add(platform.startUpCpuSeconds());
            idleRss.add(platform.residentMiB());
            Bench.log("start " + start + ": healthy after " + platform.startUp().toMillis() + " ms ("
                    + String.format("%.1f", platform.startUpCpuSeconds()) + " s of CPU), idle RSS "
                    + idleRss.get(idleRss.size() - 1) + " MiB, pid " + platform.pid() + ", load average "
                    + Machine.loadAverage());
        }
        Api api = new Api(settings.baseUrl());
        DataSet data = new DataSet(api);
        long loadStart = System.nanoTime();
        Bench.log("loading " + settings.users() + " users, " + settings.assistants() + " assistants ...");
        data.load(settings);
        Bench.log(String.format(
                "loaded %d assistants in %.0f s", data.assistants().size(), (System.nanoTime() - loadStart) / 1e9));
        List<DataSet.Assistant> loaded = List.copyOf(data.assistants());
        Bench.vacuum(settings);
        preparePgbench();

        int clients = settings.maxConcurrency();
        Cpu platformCpu = new Cpu(platform.pid(), settings.jdbcUrl(), settings.database());
        platformCpu.sample();
        Load platformLoad = new Load(api, platformCpu, settings.warmUp(), settings.measure());
        for (int run = 1; run <= settings.runs(); run++) {
            Bench.log("run " + run + " of " + settings.runs());
            stockAxon(clients);
            boolean profile = settings.profile() && run == 1;
            phase(
                    profile,
                    "create-" + clients,
                    () -> Bench.record(results, "create", platformLoad.closed("create", clients, c -> {
                        int owner = c % data.users().size();
                        return api.request(
                                "POST",
                                "/api/assistants/",
                                data.users().get(owner).token(),
                                data.newAssistant(owner),
                                "application/json");
                    })));
            phase(
                    profile,
                    "update-" + clients,
                    () -> Bench.record(
                            results,
                            "update",
                            platformLoad.closed("update", clients, Bench.updates(api, data, loaded, clients))));
            phase(
                    profile,
                    "get-" + clients,
                    () -> Bench.record(results, "get", platformLoad.closed("get", clients, c -> {
                        DataSet.Assistant assistant =
                                loaded.get(ThreadLocalRandom.current().nextInt(loaded.size()));
                        return api.request(
                                "GET",
                                "/api/assistants/" + assistant.id(),
                                data.users().get(assistant.owner()).token(),
                                null,
                                null);
                    })));
            pgbench(clients);
        }
        report(clients);
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(boolean profile, String name, Phase phase) throws Exception {
        if (profile) {
            Profiler.start(platform.pid(), settings.workDir().resolve(name + ".jfr"));
        }
        phase.run();
        if (profile) {
            Bench.log("profile " + name + ": " + Profiler.stop(platform.pid()));
        }
    }

    /** The yardstick: a fresh stock Axon application, items created then renamed, its publisher drained. */
    private void stockAxon(int clients) throws Exception {
        try (StockAxon stock = new StockAxon(settings, platform.java())) {
            stock.start();
            stockStartUps.add(stock.startUp().toMillis() / 1000.0);
            Api api = new Api(stock.baseUrl());
            Cpu cpu = new Cpu(stock.pid(), stock.jdbcUrl(), StockAxon.DATABASE);
            cpu.sample();
            Load load = new Load(api, cpu, settings.warmUp(), settings.measure());
            // a fresh JVM, where the platform was warmed by loading the data set: one whole create phase first, not
            // counted, so that neither is measured while the JIT compiles
            load.closed(
                    "stock-warm-up",
                    clients,
                    c -> api.request(
                            "POST", "/items", null, Map.of("name", "item of client " + c), "application/json"));
            Bench.record(
                    results,
                    "stock create",
                    load.closed(
                            "stock-create",
                            clients,
                            c -> api.request(
                                    "POST",
                                    "/items",
                                    null,
                                    Map.of("name", "item of client " + c),
                                    "application/json")));
            List<String> items = stock.items(clients * 1000);
            List<Long> cursors = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(clients, 0L)));
            Bench.record(results, "stock update", load.closed("stock-update", clients, c -> {
                // each client renames items of its own, as the platform's update phase does
                long n = cursors.get(c);
                cursors.set(c, n + 1);
                int perClient = items.size() / clients;
                String id = items.get(c * perClient + (int) (n % perClient));
                return api.request(
                        "PATCH",
                        "/items/" + id,
                        null,
                        Map.of("name", "renamed " + System.nanoTime()),
                        "application/json");
            }));
            Duration drained = stock.awaitPublished(api);
            stockPublished.add(drained == null ? "not within 2 min" : drained.toMillis() + " ms");
            Bench.log("stock Axon: started in " + stock.startUp().toMillis() + " ms; its publisher had every event "
                    + "acknowledged " + stockPublished.get(stockPublished.size() - 1) + " after the last command");
        }
    }

    private void preparePgbench() throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.adminJdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PGBENCH_DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + PGBENCH_DATABASE);
        }
        // scale 10: a million accounts, a table larger than the loaded assistants, still in shared buffers
        String output =
                command("pgbench", "-i", "-q", "-s", "10", "-h", "127.0.0.1", "-U", "postgres", PGBENCH_DATABASE);
        Bench.log("pgbench initialised: " + output.lines().reduce((a, b) -> b).orElse(""));
    }

    /** PostgreSQL's own select-only rate: a warm-up run, then the measured one. */
    private void pgbench(int clients) throws IOException, InterruptedException {
        List<String> common = List.of(
                "pgbench", "-S", "-n", "-c", Integer.toString(clients), "-j", "2", "-h", "127.0.0.1", "-U", "postgres");
        List<String> warmUp = new ArrayList<>(common);
        warmUp.addAll(List.of("-T", Long.toString(Math.max(1, settings.warmUp().toSeconds())), PGBENCH_DATABASE));
        command(warmUp.toArray(String[]::new));
        List<String> measured = new ArrayList<>(common);
        measured.addAll(List.of("-T", Long.toString(settings.measure().toSeconds()), PGBENCH_DATABASE));
        String output = command(measured.toArray(String[]::new));
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find()) {
            Bench.log("pgbench gave no rate (max_connections shared with other work?): " + output.replace('\n', ' '));
            return;
        }
        pgbenchTps.add(Double.parseDouble(tps.group(1)));
        pgbenchLatency.add(latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
        pgbenchLoads.add(Machine.loadAverage());
        Bench.log(String.format(
                "pgbench -S c=%d %8.1f/s  latency average %.2f ms  load %s",
                clients,
                pgbenchTps.get(pgbenchTps.size() - 1),
                pgbenchLatency.get(pgbenchLatency.size() - 1),
                Machine.loadAverage()));
    }

    private static String command(String... line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static double medianOf(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private void report(int clients) {
        String runs = settings.runs() == 1 ? "1 run" : "medians of " + settings.runs() + " runs";
        List<Result> stockCreate = results.get("stock create");
        List<Result> stockUpdate = results.get("stock update");
        double stock = Bench.median(stockCreate, Result::throughput);
        double stockRenames = Bench.median(stockUpdate, Result::throughput);
        double create = Bench.median(results.get("create"), Result::throughput);
        double update = Bench.median(results.get("update"), Result::throughput);
        double get = Bench.median(results.get("get"), Result::throughput);
        double pgbench = medianOf(pgbenchTps);
        double startUp = medianOf(startUps);
        double rss = medianOf(idleRss.stream().map(Long::doubleValue).toList());
        out.println();
        out.println("### Round two (issue 23)");
        out.println();
        out.println("- Machine: " + Machine.describe());
        out.println("- Platform: `"
                + String.join(" ", platform.command())
                + "`; the stock Axon application on the same java with the same JVM options");
        out.println("- Data set: " + settings.users() + " users, " + settings.assistants() + " assistants loaded; "
                + settings.warmUp().toSeconds() + " s warm-up (not counted) + "
                + settings.measure().toSeconds()
                + " s measured per phase; " + runs);
        out.println();
        out.println("| figure | measured | against, same run | baseline | ratio | target | met |");
        out.println("|---|---:|---|---:|---:|---:|---|");
        row(
                "create-assistant at " + clients + " clients, every guarantee kept",
                create,
                "stock Axon commands/s",
                stock,
                0.35);
        row("update (merge patch) at " + clients + " clients", update, "stock Axon commands/s", stock, 0.45);
        row(
                "`GET /api/assistants/{id}`, closed loop, " + clients + " connections",
                get,
                "pgbench select-only, " + clients + " clients",
                pgbench,
                0.15);
        out.printf(
                "| start-up to healthy, all-in-one (CPU time used by then) | %.1f s (%.1f s) | — | — | — | ≤ 6 s | %s |%n",
                startUp, medianOf(startUpCpu), startUp <= 6 ? "yes" : "**no**");
        out.printf(
                "| idle RSS, all-in-one | %.0f MiB | — | — | — | ≤ 300 MiB | %s |%n",
                rss, rss <= 300 ? "yes" : "**no**");
        out.println();
        out.println(
                "| phase | ops/s | p50 ms | p99 ms | CPU ms/op process | CPU ms/op database | 202 | errors | load avg (1 min) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        detail("stock Axon: create item", stockCreate);
        detail("stock Axon: rename item", stockUpdate);
        detail("platform: create assistant", results.get("create"));
        detail("platform: update assistant (merge patch)", results.get("update"));
        detail("platform: `GET /api/assistants/{id}`", results.get("get"));
        out.printf(
                "| pgbench -S | %.0f | %.2f (average) | — | — | — | — | — | %s |%n",
                pgbench,
                medianOf(pgbenchLatency),
                String.join(
                        " / ", pgbenchLoads.stream().map(l -> l.split(" ")[0]).toList()));
        out.println();
        out.printf(
                "Also measured: the platform's update against the stock application's rename, %.3f ×; the stock "
                        + "application started in %s s; its publisher had every event acknowledged %s after the last "
                        + "command; start-ups %s s (CPU %s s), idle RSS %s MiB.%n",
                update / stockRenames,
                stockStartUps.stream().map(s -> String.format("%.1f", s)).toList(),
                stockPublished,
                startUps.stream().map(s -> String.format("%.1f", s)).toList(),
                startUpCpu.stream().map(s -> String.format("%.1f", s)).toList(),
                idleRss);
    }

    private void row(String figure, double measured, String against, double baseline, double target) {
        double ratio = measured / baseline;
        out.printf(
                "| %s | %.0f/s | %s | %.0f/s | %.3f × | ≥ %.2f × | %s |%n",
                figure, measured, against, baseline, ratio, target, ratio >= target ? "yes" : "**no**");
    }

    private void detail(String phase, List<Result> runs) {
        out.printf(
                "| %s | %.0f | %.1f | %.1f | %.2f | %.2f | %d | %d | %s |%n",
                phase,
                Bench.median(runs, Result::throughput),
                Bench.median(runs, r -> r.latency(50)),
                Bench.median(runs, r -> r.latency(99)),
                Bench.median(runs, Result::platformCpuPerOperation),
                Bench.median(runs, Result::databaseCpuPerOperation),
                runs.stream().mapToLong(Result::accepted).sum(),
                runs.stream().mapToLong(Result::errors).sum(),
                Bench.loads(runs));
    }
}
