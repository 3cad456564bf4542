package io.voicepartner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The all-in-one platform under test: a copy of the jar that {@code infra/scripts/build-platform} builds,
 * started as its own process with a database of its own on the local PostgreSQL (dropped first, so every run
 * starts empty) and the in-JVM Kafka broker, on ports of its own.
 */
final class Platform implements AutoCloseable {

    private final Settings settings;
    private final List<String> command = new ArrayList<>();
    private Process process;
    private Duration startUp;
    private double startUpCpuSeconds;

    Platform(Settings settings) {
        this.settings = settings;
    }

    /** Starts the platform and waits until {@code GET /health} (database and Kafka) answers 200. */
    void start() throws IOException, InterruptedException, SQLException {
        recreateDatabase();
        command.clear();
        Path work = Files.createDirectories(settings.workDir());
        // as ./run starts it: extracted, with its start-up cache, trained once per jar and java (a copy, so that a
        // build while the benchmark runs cannot pull the jar from under it)
        Path prepared = work.resolve("platform");
        ProcessBuilder prepare = new ProcessBuilder(
                        settings.root()
                                .resolve("infra/scripts/prepare-platform")
                                .toString(),
                        prepared.toString(),
                        settings.platformJar().toString())
                .inheritIO();
        prepare.environment().remove("DATABASE_URL");
        if (prepare.start().waitFor() != 0) {
            throw new IllegalStateException("infra/scripts/prepare-platform failed");
        }
        // the java of infra/scripts/platform-java and its start-up cache's options
        command.addAll(
                List.of(Files.readString(prepared.resolve("launch")).trim().split("\\s+")));
        command.addAll(settings.jvmOptions());
        command.add("-jar");
        command.add(prepared.resolve("voicepartner-platform.jar").toString());
        // the harness signs up and in all its users from one client: the per-client limits would pace the load
        command.add("--voicepartner.login.attempts-per-minute-per-client=1000000");
        command.add("--voicepartner.sign-up.per-client-per-minute=1000000");
        command.add("--voicepartner.sign-up.per-minute=1000000");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("platform.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PORT", Integer.toString(settings.port()));
        environment.put("LOCAL_KAFKA_PORT", Integer.toString(settings.kafkaPort()));
        environment.put("DATABASE_URL", settings.databaseUrl());
        environment.put("FILE_STORAGE_DIR", work.resolve("files").toString());
        // tokens outlive the whole run
        environment.put("ACCESS_TOKEN_EXPIRE_MINUTES", "1440");
        environment.remove("KAFKA_BOOTSTRAP_SERVERS");
        // keys of this run only, on a database made for it (the platform has no built-in keys)
        environment.put("SECRET_KEY", randomKey(48));
        environment.put("SECRETS_KEY", randomKey(32));
        environment.put("API_KEY_HASH_KEY", randomKey(48));
        environment.remove("SECRET_KEY_PREVIOUS");
        environment.remove("SECRETS_KEY_PREVIOUS");
        environment.remove("API_KEY_HASH_KEY_PREVIOUS");
        // --feed's webhook receiver listens there; nothing else of the platform calls out
        environment.put("OUTBOUND_ALLOW_LIST", FeedBench.ALLOW_LIST);
        long started = System.nanoTime();
        process = builder.start();
        awaitHealthy(Duration.ofMinutes(5));
        startUp = Duration.ofNanos(System.nanoTime() - started);
        startUpCpuSeconds = Cpu.processMillis(process.pid()) / 1000.0;
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.adminJdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + settings.database());
        }
    }

    private void awaitHealthy(Duration bound) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue() + "; see "
                        + settings.workDir().resolve("platform.log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the platform was not healthy within " + bound);
    }

    Duration startUp() {
        return startUp;
    }

    /**
     * The CPU time the process had used when it became healthy: unlike the wall-clock start-up, hardly moved by
     * whatever else the machine does.
     */
    double startUpCpuSeconds() {
        return startUpCpuSeconds;
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return command;
    }

    /** The java it runs on, {@code infra/scripts/platform-java}'s, once started. */
    String java() {
        return command.get(0);
    }

    /** The resident set size of the platform's process, in MiB, from {@code /proc}. */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
