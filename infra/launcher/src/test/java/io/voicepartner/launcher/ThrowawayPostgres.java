package io.voicepartner.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of this test's own, in a temporary directory on a free loopback port, that the test
 * may stop with {@code pg_ctl stop -m immediate} (a crash: no checkpoint, recovery from the WAL on the
 * next start) and start again. The shared server on 5432 is never touched. The server programs refuse to
 * run as root, so they run as the {@code postgres} user when the test runs as root.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path directory;
    private final int port;

    private ThrowawayPostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static ThrowawayPostgres create() {
        ThrowawayPostgres postgres = withoutData();
        postgres.run(
                BIN.resolve("initdb").toString(),
                "-D",
                postgres.dataDirectory().toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync");
        return postgres;
    }

    /**
     * A directory and a port without a cluster: its data directory ({@link #dataDirectory()}) is for the test to
     * make, a recovered copy of another cluster's, before {@link #start()}.
     */
    static ThrowawayPostgres withoutData() {
        try {
            Path directory = Files.createTempDirectory("voicepartner-throwaway-pg-");
            ownedByServerUser(directory);
            return new ThrowawayPostgres(directory, ChildKafka.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory of this cluster's own that the server's user may write (an archive of its WAL, a base backup). */
    Path newDirectory(String name) {
        try {
            return ownedByServerUser(Files.createDirectory(directory.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDirectory() {
        return directory.resolve("data");
    }

    int port() {
        return port;
    }

    /** A stop that lets the server finish (a checkpoint), and a start: for settings read only at start. */
    void restart() {
        run(BIN.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-m", "fast", "-w", "stop");
        start();
    }

    /** Runs a command as the server's user (the server programs and scripts refuse root), failing if it fails. */
    void runAsServerUser(Map<String, String> environment, String... command) {
        run(environment, command);
    }

    private static Path ownedByServerUser(Path path) throws IOException {
        if (asRoot()) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName("postgres"));
        }
        return path;
    }

    void start() {
        run(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                directory.resolve("data").toString(),
                "-w",
                "-t",
                "60",
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=on",
                "start");
    }

    /** Stops at once, as a crash would: clients are cut and the next start recovers from the WAL. */
    void stopImmediately() {
        run(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate", "stop");
    }

    TestInfrastructure.Database database(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestInfrastructure.Database(jdbcUrl(name), "postgres", "");
    }

    @Override
    public void close() {
        run(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate", "stop");
    }

    private String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    private void run(String... command) {
        run(Map.of(), command);
    }

    private void run(Map<String, String> environment, String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        if (!environment.isEmpty()) {
            full.add("env");
            environment.forEach((name, value) -> full.add(name + "=" + value));
        }
        full.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(full);
            Process process = builder.directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("pg_ctl.out").toFile()))
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed: " + Files.readString(directory.resolve("pg_ctl.out")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
