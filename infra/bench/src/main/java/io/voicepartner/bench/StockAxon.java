package io.voicepartner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick of {@code --round-two}: the stock Axon application of {@code infra/bench/stock-axon}, started as its
 * own process with the platform's JVM options, a database of its own (dropped and created afresh) and its own in-JVM
 * broker.
 */
final class StockAxon implements AutoCloseable {

    static final int PORT = 18090;
    static final int KAFKA_PORT = 29092;
    static final String DATABASE = "voicepartner_bench_stock_axon";

    private final Settings settings;
    private final String java;
    private Process process;
    private Duration startUp;

    /** @param java the platform's, so that the two compare on one JVM */
    StockAxon(Settings settings, String java) {
        this.settings = settings;
        this.java = java;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + PORT;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    }

    void start() throws IOException, InterruptedException, SQLException {
        try (Connection connection = DriverManager.getConnection(settings.adminJdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        Path work = Files.createDirectories(settings.workDir());
        Path jar = work.resolve("stock-axon.jar");
        Files.copy(settings.stockAxonJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(settings.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("stock-axon.log").toFile());
        builder.environment().put("PORT", Integer.toString(PORT));
        builder.environment().put("KAFKA_PORT", Integer.toString(KAFKA_PORT));
        builder.environment().put("JDBC_URL", jdbcUrl());
        long started = System.nanoTime();
        process = builder.start();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/published"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the stock Axon application exited; see " + work.resolve("stock-axon.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startUp = Duration.ofNanos(System.nanoTime() - started);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the stock Axon application did not start within 3 minutes");
    }

    Duration startUp() {
        return startUp;
    }

    long pid() {
        return process.pid();
    }

    /** Ids of up to {@code limit} items it stored, for the update phase. */
    List<String> items(int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT aggregateIdentifier FROM DomainEventEntry WHERE sequenceNumber = 0 LIMIT " + limit)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /**
     * Waits until the publisher has had every stored event acknowledged by Kafka, so that its work is not left
     * behind by the commands/s figure.
     *
     * @return how long that took after the last command, or null if it did not within two minutes
     */
    Duration awaitPublished(Api api) throws SQLException, InterruptedException {
        long stored;
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM DomainEventEntry")) {
            rows.next();
            stored = rows.getLong(1);
        }
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (api.get("/published", null).json().path("published").asLong() >= stored) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
