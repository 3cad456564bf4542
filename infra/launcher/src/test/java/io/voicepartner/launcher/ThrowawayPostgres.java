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
        try {
            Path directory = Files.createTempDirectory("voicepartner-throwaway-pg-");
            if (asRoot()) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
            }
            ThrowawayPostgres postgres = new ThrowawayPostgres(directory, ChildKafka.freePort());
            postgres.run(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full)
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
