package io.voicepartner.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a run does, from the command line. The full size is the data set (100 users, 100,000
 * assistants with tools and phone numbers); {@code --quick} a tenth of the users and a twentieth of the
 * assistants, with shorter phases, so that it finishes in a few minutes.
 */
record Settings(
        int users,
        int assistants,
        int toolsPerUser,
        int assistantsPerPhoneNumber,
        int loadClients,
        Duration warmUp,
        Duration measure,
        int runs,
        int[] concurrencies,
        double[] lagFractions,
        int readRate,
        boolean profile,
        int port,
        int kafkaPort,
        String database,
        Path workDir,
        Path platformJar,
        List<String> jvmOptions,
        boolean usage,
        int reporters,
        long heavyToolExecutions,
        boolean runtime,
        int runtimeRate,
        boolean feed,
        boolean quickFlag,
        int feedSubscribers,
        double webhookRate,
        double streamRate,
        Duration feedPlatformWarmUp,
        boolean roundTwo,
        Path stockAxonJar,
        Path root) {

    static final String USAGE = """
            infra/bench/run [--quick] [options]
              --quick               5,000 assistants of 10 users, 5 s warm-up and 15 s per phase
              --users N             users (default 100)
              --assistants N        assistants, spread over the users (default 100000)
              --tools-per-user N    tools per user; every assistant uses two of its owner's (default 10)
              --assistants-per-number N   one phone number per N assistants (default 10)
              --warm-up S           seconds of every phase that are not measured (default 10)
              --measure S           seconds measured per phase (default 30)
              --runs N              measured phases repeated N times; the median is reported (default 3)
              --concurrency A,B,C   closed-loop write clients (default 1,16,64)
              --lag-fractions A,B   offered write rates for the lag phase, as fractions of the best create rate (default 0.25,0.5)
              --read-rate N         requests per second of the read phases (default 500)
              --profile             record JFR during the first 64-client create phase (target/bench/create-64.jfr),
                                    with --runtime during the first lookup phase (target/bench/runtime-lookup.jfr),
                                    with --feed during the first changes alone (target/bench/feed-changes-alone.jfr)
              --port N / --kafka-port N   the platform's HTTP port and its in-JVM broker's (default 18080 / 19092)
              --database NAME       the database, dropped and created afresh (default voicepartner_bench)
              --platform-jar PATH   another build of the platform, e.g. to compare before and after a change
              --usage               only the usage phases: ingestion against PostgreSQL's insert rate, and editing a
                                    tool with many executions against a fresh one (--quick: 100,000 executions)
              --reporters N         concurrent usage reporters, each with a tool of its own (default 4)
              --heavy-tool-executions N   executions of the heavy tool (default 1000000)
              --runtime             only the runtime's call-start lookup, on the data set with a version published
                                    for every assistant a number reaches (half the numbers pinned to it): the lookup
                                    against its own statement over JDBC and the read of a number by id, each open loop
              --runtime-rate N      lookups per second of the runtime phases (default 1000)
              --feed                only issue 19's channels: change -> webhook delivered to a local receiver, change ->
                                    event received by N SSE and then N WebSocket subscribers, heap and RSS per subscriber
                                    (--quick: 5 s warm-up, 15 s measured per phase; ~4 min)
              --feed-subscribers N  clients per stream (default 1000; 0 measures the webhooks alone)
              --webhook-rate N      changes per second of the webhook phase (default 100)
              --stream-rate N       changes per second of the SSE and WebSocket phases (default 10)
              --feed-platform-warm-up S   seconds of changes from 16 closed-loop clients before the first phase, so
                                    that the phases measure a compiled platform, not its JIT (default 240, --quick 20)
              --round-two           only issue 23's figures, side by side in one run: a stock Axon application's
                                    commands/s (infra/bench/stock-axon) against create and update at 64 clients,
                                    GET by id closed loop at 64 connections against pgbench select-only at 64
                                    clients, start-up to healthy and idle RSS (each of a fresh start); with
                                    --profile JFR of the platform's create, update and GET phases of the first run
            JAVA_OPTS              JVM options of the platform (default those of ./run, infra/launcher/java-options)
            """;

    static Settings parse(String[] args, Path root) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        boolean profile = rest.remove("--profile");
        boolean usage = rest.remove("--usage");
        boolean runtime = rest.remove("--runtime");
        boolean roundTwo = rest.remove("--round-two");
        int runtimeRate = 1000;
        boolean feed = rest.remove("--feed");
        int feedSubscribers = 1000;
        double webhookRate = 100;
        double streamRate = 10;
        // C2 compiles for three and a half minutes of load, a fifth of the CPU at 60 s (BENCHMARKS.md, eighth pass)
        Duration feedPlatformWarmUp = Duration.ofSeconds(quick ? 20 : 240);
        int reporters = 4;
        long heavyToolExecutions = quick ? 100_000 : 1_000_000;
        int users = quick ? 10 : 100;
        int assistants = quick ? 5_000 : 100_000;
        int toolsPerUser = 10;
        int perNumber = 10;
        Duration warmUp = Duration.ofSeconds(quick ? 5 : 10);
        Duration measure = Duration.ofSeconds(quick ? 15 : 30);
        int runs = quick ? 1 : 3;
        int[] concurrencies = {1, 16, 64};
        double[] lagFractions = {0.25, 0.5};
        int readRate = 500;
        int port = 18080;
        int kafkaPort = 19092;
        String database = "voicepartner_bench";
        Path platformJar = root.resolve("infra/launcher/target/voicepartner-platform.jar");
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = rest.get(i + 1);
            switch (name) {
                case "--users" -> users = Integer.parseInt(value);
                case "--assistants" -> assistants = Integer.parseInt(value);
                case "--tools-per-user" -> toolsPerUser = Integer.parseInt(value);
                case "--assistants-per-number" -> perNumber = Integer.parseInt(value);
                case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--measure" -> measure = Duration.ofSeconds(Long.parseLong(value));
                case "--runs" -> runs = Integer.parseInt(value);
                case "--concurrency" ->
                    concurrencies = Arrays.stream(value.split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--lag-fractions" ->
                    lagFractions = Arrays.stream(value.split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                case "--read-rate" -> readRate = Integer.parseInt(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--kafka-port" -> kafkaPort = Integer.parseInt(value);
                case "--database" -> database = value;
                case "--platform-jar" -> platformJar = Path.of(value).toAbsolutePath();
                case "--reporters" -> reporters = Integer.parseInt(value);
                case "--heavy-tool-executions" -> heavyToolExecutions = Long.parseLong(value);
                case "--runtime-rate" -> runtimeRate = Integer.parseInt(value);
                case "--feed-subscribers" -> feedSubscribers = Integer.parseInt(value);
                case "--webhook-rate" -> webhookRate = Double.parseDouble(value);
                case "--stream-rate" -> streamRate = Double.parseDouble(value);
                case "--feed-platform-warm-up" -> feedPlatformWarmUp = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if ((usage ? 1 : 0) + (runtime ? 1 : 0) + (feed ? 1 : 0) + (roundTwo ? 1 : 0) > 1) {
            throw new IllegalArgumentException(
                    "--usage, --runtime, --feed and --round-two are runs of their own: give one\n" + USAGE);
        }
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain lower-case identifier");
        }
        // the options ./run starts the all-in-one with, unless JAVA_OPTS replaces them
        String javaOptions =
                System.getenv().getOrDefault("JAVA_OPTS", Load.readFile(root.resolve("infra/launcher/java-options")));
        List<String> jvmOptions = Arrays.stream(javaOptions.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        return new Settings(
                users,
                assistants,
                toolsPerUser,
                perNumber,
                32,
                warmUp,
                measure,
                runs,
                concurrencies,
                lagFractions,
                readRate,
                profile,
                port,
                kafkaPort,
                database,
                root.resolve("infra/bench/target/bench"),
                platformJar,
                jvmOptions,
                usage,
                reporters,
                heavyToolExecutions,
                runtime,
                runtimeRate,
                feed,
                quick,
                feedSubscribers,
                webhookRate,
                streamRate,
                feedPlatformWarmUp,
                roundTwo,
                root.resolve("infra/bench/stock-axon/target/stock-axon.jar"),
                root);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String databaseUrl() {
        return "postgresql://postgres@127.0.0.1:5432/" + database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    String adminJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/postgres";
    }

    int maxConcurrency() {
        return Arrays.stream(concurrencies).max().orElse(1);
    }
}
