package io.voicepartner.launcher;

import io.voicepartner.query.consuming.ReadModel;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds read models from the start of their Kafka topics while the platform runs and serves them, and
 * follows the rebuild to its end: {@code infra/scripts/rebuild [all | assistants tools files phone-numbers
 * users]}. It asks, through the database, a running query side to do it (the query side has the projectors
 * and the Kafka consumers), and prints its progress: events done of the total, and the rate. Refused for an
 * unknown read model, while another rebuild is requested or running, and when no query side claims the
 * request within 30 seconds. {@code --cancel} cancels the running rebuild, as Ctrl-C does to the one this
 * command follows; either way the served tables stay as they were.
 *
 * <p>With the environment of {@code ./run}: {@code DATABASE_URL}. Exit status 0 once swapped in, 1 when the
 * rebuild failed or was cancelled, 2 when refused.
 */
public final class Rebuild {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

    /** Why no rebuild was requested. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** How a followed rebuild ended. */
    record Outcome(String status, String message, long events) {

        boolean swapped() {
            return "swapped".equals(status);
        }
    }

    private record Row(String status, String message, long done, long total, double rate) {}

    private final Map<String, String> environment;
    private final PrintStream out;

    Rebuild(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        Rebuild rebuild = new Rebuild(System.getenv(), System.out);
        try {
            if (List.of(args).contains("--cancel")) {
                rebuild.cancel();
                return;
            }
            Outcome outcome = rebuild.run(List.of(args), true);
            if (!outcome.swapped()) {
                System.err.println("Rebuild " + outcome.status() + ": " + outcome.message());
                System.exit(1);
            }
        } catch (Refused refused) {
            System.err.println("Rebuild refused: " + refused.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Rebuild failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Requests a rebuild and follows it to its end.
     *
     * @param cancelOnExit whether stopping this command (Ctrl-C) cancels the rebuild
     */
    Outcome run(List<String> names, boolean cancelOnExit) {
        Set<ReadModel> models;
        try {
            models = ReadModel.parse(names);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        try (Connection database = PlatformDatabase.connect(environment, out)) {
            long id = request(database, ReadModel.names(models));
            out.println("Rebuild " + id + " of " + ReadModel.names(models) + " requested");
            if (cancelOnExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> cancelOnExit(id), "rebuild-cancel"));
            }
            return follow(database, id);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** Cancels the rebuild that is requested or running, if there is one. */
    void cancel() {
        try (Connection database = PlatformDatabase.connect(environment, out);
                PreparedStatement cancel =
                        database.prepareStatement("UPDATE query.rebuilds SET cancel_requested = true "
                                + "WHERE status IN ('requested', 'running') RETURNING id, read_models");
                ResultSet cancelled = cancel.executeQuery()) {
            if (!cancelled.next()) {
                throw new Refused("no rebuild is requested or running");
            }
            out.println("Rebuild " + cancelled.getLong(1) + " of " + cancelled.getString(2)
                    + ": cancellation requested; the served tables stay as they were");
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    private long request(Connection database, String names) throws SQLException {
        try (PreparedStatement tables = database.prepareStatement("SELECT to_regclass('query.rebuilds') IS NOT NULL");
                ResultSet exists = tables.executeQuery()) {
            exists.next();
            if (!exists.getBoolean(1)) {
                throw new Refused("the platform has never started on this database: there is nothing to rebuild");
            }
        }
        try (PreparedStatement insert =
                database.prepareStatement("INSERT INTO query.rebuilds (read_models) VALUES (?) RETURNING id")) {
            insert.setString(1, names);
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new Refused("another rebuild is requested or running (infra/scripts/rebuild --cancel stops it)");
            }
            throw e;
        }
    }

    private Outcome follow(Connection database, long id) throws SQLException {
        Instant claimBy = Instant.now().plus(CLAIM_TIMEOUT);
        Row shown = null;
        while (true) {
            Row row = read(database, id);
            if (!Objects.equals(row, shown) && !"requested".equals(row.status())) {
                out.printf(
                        "  %s: %,d / %,d events (%d%%), %,.0f events/s%n",
                        row.status(),
                        row.done(),
                        row.total(),
                        row.total() == 0 ? 100 : row.done() * 100 / row.total(),
                        row.rate());
                shown = row;
            }
            switch (row.status()) {
                case "swapped" -> {
                    out.println("Rebuild done: " + row.done() + " events replayed, the new tables are served");
                    if (row.message() != null && row.message().contains("set aside")) {
                        out.println(row.message());
                    }
                    return new Outcome(row.status(), row.message(), row.done());
                }
                case "failed", "cancelled" -> {
                    return new Outcome(row.status(), row.message(), row.done());
                }
                case "requested" -> {
                    if (Instant.now().isAfter(claimBy) && unclaimed(database, id)) {
                        throw new Refused("no query side claimed the request within " + CLAIM_TIMEOUT.toSeconds()
                                + " s: start the platform first");
                    }
                }
                default -> {
                    // running: follow on
                }
            }
            pause();
        }
    }

    private static Row read(Connection database, long id) throws SQLException {
        try (PreparedStatement select = database.prepareStatement("SELECT status, message, events_done, events_total, "
                + "events_per_second FROM query.rebuilds WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Row(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getDouble(5));
            }
        }
    }

    /** Withdraws a request nobody claimed; false if a query side claimed it meanwhile. */
    private static boolean unclaimed(Connection database, long id) throws SQLException {
        try (PreparedStatement withdraw = database.prepareStatement("UPDATE query.rebuilds SET status = 'failed', "
                + "finished_at = now(), message = 'no query side claimed it' WHERE id = ? AND status = 'requested'")) {
            withdraw.setLong(1, id);
            return withdraw.executeUpdate() == 1;
        }
    }

    private void cancelOnExit(long id) {
        try (Connection database =
                        PlatformDatabase.connect(environment, new PrintStream(PrintStream.nullOutputStream()));
                PreparedStatement cancel =
                        database.prepareStatement("UPDATE query.rebuilds SET cancel_requested = true "
                                + "WHERE id = ? AND status IN ('requested', 'running')")) {
            cancel.setLong(1, id);
            if (cancel.executeUpdate() == 1) {
                out.println("Rebuild " + id + ": cancellation requested; the served tables stay as they were");
            }
        } catch (SQLException e) {
            System.err.println("Cannot cancel rebuild " + id + ": " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(FOLLOW_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
