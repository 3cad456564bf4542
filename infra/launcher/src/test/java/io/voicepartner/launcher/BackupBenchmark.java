package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup and restore time and size (BENCHMARKS.md, "Backup and restore"); a benchmark, not a test. It starts the
 * platform on a database, a broker and a file directory of its own, writes the demo organization of
 * {@code infra/scripts/seed} with two files, and then usage through the API (reports of 500 tool executions, one
 * event each) until the store holds {@code EVENTS} events; takes a backup with {@code infra/scripts/backup}'s code;
 * stops the platform and destroys the database, the broker and the files; restores with
 * {@code infra/scripts/restore}'s code and starts the platform again, timing each step from the restore's start to
 * the last event projected by the read models and analytics.
 *
 * <pre>./mvnw -o -q test-compile dependency:build-classpath -pl infra/launcher -am -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat /tmp/cp) io.voicepartner.launcher.BackupBenchmark [events]</pre>
 */
public final class BackupBenchmark {

    /** Connections of the platform: the shared machine's PostgreSQL has few to spare. */
    private static final String POOL = "--spring.datasource.hikari.maximum-pool-size=8";

    private static final int BATCH = 500;

    private BackupBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        Path work = Files.createTempDirectory("voicepartner-backup-bench-");
        Path files = Files.createDirectories(work.resolve("files"));
        Path backup = work.resolve("backup");
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "FILE_STORAGE_DIR", files.toString(),
                "SECRETS_KEY", TestKeys.SECRETS_KEY,
                "SECRETS_KEY_PREVIOUS", TestKeys.PREVIOUS_SECRETS_KEY,
                "API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY));
        BackupManifest manifest;
        LocalKafka first = LocalKafka.start(0);
        try (ConfigurableApplicationContext platform = InProcessPlatform.start(database, first, files, POOL)) {
            Api api = new Api("http://127.0.0.1:" + platform.getEnvironment().getProperty("local.server.port"));
            long written = write(api, events, database);
            System.out.printf("wrote %,d events%n", written);
            Map<String, String> running = new HashMap<>(environment);
            running.put("KAFKA_BOOTSTRAP_SERVERS", first.bootstrapServers());
            new Restore(running, System.out).follow(written, highest(database), Duration.ofMinutes(1));
            System.out.println("load average before the backup: " + loadAverage());
            long started = System.nanoTime();
            manifest = new Backup(environment, System.out).run(backup);
            System.out.printf(
                    "backup: %.1f s, %,d bytes (%,d events)%n",
                    (System.nanoTime() - started) / 1e9, size(backup), manifest.events());
        } finally {
            first.stop();
        }

        try (Connection server = DriverManager.getConnection(
                        database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1) + "postgres",
                        database.username(),
                        database.password());
                Statement statement = server.createStatement()) {
            String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
            statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        delete(files);
        Files.createDirectories(files);

        LocalKafka second = LocalKafka.start(0);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", second.bootstrapServers());
        Restore restore = new Restore(environment, System.out);
        System.out.println("load average before the restore: " + loadAverage());
        long started = System.nanoTime();
        restore.restore(backup, false);
        // the platform started as an operator starts it once the restore says so, and followed meanwhile
        CompletableFuture<ConfigurableApplicationContext> platform =
                CompletableFuture.supplyAsync(() -> InProcessPlatform.start(database, second, files, POOL));
        try {
            restore.follow(manifest, Duration.ofMinutes(10));
            System.out.printf(
                    "restore, request to the last event projected: %.1f s%n", (System.nanoTime() - started) / 1e9);
            System.out.println("load average after the restore: " + loadAverage());
            restore.report();
        } finally {
            platform.join().close();
            second.stop();
            delete(work);
        }
        System.exit(0);
    }

    /** The demo organization, two files, and tool executions reported 500 at a time until the store has enough. */
    private static long write(Api api, long events, TestInfrastructure.Database database) throws Exception {
        new Seed(api.baseUrl(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        Api owner = api.withHeader("Authorization", "Bearer " + api.login(Seed.EMAIL, Seed.PASSWORD));
        String organization = id(owner.get("/api/organizations").data(), "name", Seed.ORGANIZATION);
        Api demo = owner.withHeader("X-Organization-Id", organization);
        String frontDesk = id(demo.get("/api/assistants/").data(), "name", "Front desk");
        String calendar = id(demo.get("/api/tools/").data(), "name", "Calendar");
        demo.upload(
                "/api/files",
                Map.of(),
                "hours.md",
                "# Opening hours\nMonday to Friday, 8 to 18.\n".getBytes(StandardCharsets.UTF_8));
        demo.upload(
                "/api/files",
                Map.of(),
                "prices.csv",
                "treatment,price\ncheck-up,45\n".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        long stored = count(database);
        long round = 0;
        while (stored < events) {
            List<Map<String, Object>> executions = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                long n = round * BATCH + i;
                executions.add(Map.of(
                        "execution_id",
                        "bench-" + n,
                        "duration_ms",
                        20 + n % 400,
                        "success",
                        n % 20 != 0,
                        "status_code",
                        n % 20 != 0 ? 200 : 502,
                        "assistant_id",
                        frontDesk,
                        "occurred_at",
                        now.minusMillis(n % 86_400_000L).toString()));
            }
            Api.Response reported = demo.post("/api/tools/" + calendar + "/executions", executions);
            if (reported.status() != 202) {
                throw new IllegalStateException("report failed: " + reported);
            }
            stored += BATCH;
            round++;
            if (round % 200 == 0) {
                System.out.printf("  %,d events%n", stored);
            }
        }
        return count(database);
    }

    private static String id(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                return item.path("id").asText();
            }
        }
        throw new IllegalStateException("no " + value + " in " + list);
    }

    private static long count(TestInfrastructure.Database database) throws Exception {
        return single(database, "SELECT count(*) FROM command.domain_event_entry");
    }

    private static long highest(TestInfrastructure.Database database) throws Exception {
        return single(database, "SELECT max(global_index) FROM command.domain_event_entry");
    }

    private static long single(TestInfrastructure.Database database, String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long size(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> path.toFile().length())
                    .sum();
        }
    }

    private static void delete(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
