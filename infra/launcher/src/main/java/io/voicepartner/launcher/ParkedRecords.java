package io.voicepartner.launcher;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * What the platform's processors parked because they could never process it as it was (ADR 0020), and the way
 * back once it is fixed (an upcaster, a larger broker limit, a widened column):
 *
 * <pre>
 * infra/scripts/parked-events list                  # every parked event and record, with its cause
 * infra/scripts/parked-events replay [aggregate-id] # send them again, in their order
 * </pre>
 *
 * {@code replay} first asks the running platform's publisher to send its parked events again (they are read
 * anew from the event store, through today's upcasters) and waits for the answer, then sends the consumers'
 * dead letters back to their topics ({@link DeadLetterReplay}). With the environment of {@code ./run}:
 * {@code DATABASE_URL}, and {@code KAFKA_BOOTSTRAP_SERVERS} for the consumers' letters. Exit status 0 when
 * nothing is left parked, 1 otherwise.
 */
public final class ParkedRecords {

    private static final Duration PUBLISHER_REPLAY_TIMEOUT = Duration.ofSeconds(60);

    private final Connection database;
    private final PrintStream out;

    ParkedRecords(Connection database, PrintStream out) {
        this.database = database;
        this.out = out;
    }

    // the resource closed is the connection; it only prints through System.out
    @SuppressWarnings("ClosingStandardOutputStreams")
    public static void main(String[] args) throws Exception {
        boolean list = args.length == 1 && "list".equals(args[0]);
        boolean replay = args.length >= 1 && args.length <= 2 && "replay".equals(args[0]);
        if (!list && !replay) {
            System.err.println("usage: parked-events list | parked-events replay [aggregate-id]");
            System.exit(2);
        }
        Map<String, String> environment = System.getenv();
        try (Connection database = PlatformDatabase.connect(environment, System.out)) {
            ParkedRecords parked = new ParkedRecords(database, System.out);
            if (replay) {
                parked.replay(
                        environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                        args.length == 2 ? args[1] : null);
            }
            System.exit(parked.list() == 0 ? 0 : 1);
        }
    }

    /** Prints every parked event and record with its cause; @return how many there are */
    long list() throws SQLException {
        long total = 0;
        total += section(
                "kafka-publisher",
                "command.parked_events",
                "SELECT global_index, aggregate_id, event_type, "
                        + "parked_at, cause FROM command.parked_events ORDER BY global_index",
                "global position ");
        total += section(
                "read-models",
                "query.dead_letters",
                "SELECT topic || '-' || topic_partition || '@' || "
                        + "record_offset, aggregate_id, event_type, parked_at, cause FROM query.dead_letters "
                        + "WHERE replayed_at IS NULL ORDER BY id",
                "");
        total += section(
                "analytics",
                "analytics.dead_letters",
                "SELECT topic || '-' || topic_partition || '@' || "
                        + "record_offset, aggregate_id, event_type, parked_at, cause FROM analytics.dead_letters "
                        + "WHERE replayed_at IS NULL ORDER BY id",
                "");
        return total;
    }

    private long section(String processor, String table, String query, String prefix) throws SQLException {
        if (!DeadLetterReplay.exists(database, table)) {
            return 0;
        }
        long count = 0;
        StringBuilder lines = new StringBuilder();
        try (PreparedStatement select = database.prepareStatement(query);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                count++;
                lines.append(String.format(
                        "  %s%s  %s %s  parked %s%n    %s%n",
                        prefix,
                        row.getString(1),
                        row.getString(3),
                        row.getString(2),
                        row.getTimestamp(4).toInstant(),
                        row.getString(5)));
            }
        }
        out.println(processor + ": " + count + " parked");
        out.print(lines);
        return count;
    }

    void replay(String bootstrapServers, String aggregateId) throws Exception {
        replayPublisher(aggregateId);
        int sent = DeadLetterReplay.replay(database, bootstrapServers, aggregateId, out);
        out.println("Sent " + sent + " dead letter(s) back to their topics.");
    }

    /**
     * Asks the publisher's replay ({@code ParkedEventReplay}, every few seconds) to send the parked events, and
     * waits until each is sent or parked again with a new cause.
     */
    private void replayPublisher(String aggregateId) throws SQLException, InterruptedException {
        int requested;
        try (PreparedStatement request = database.prepareStatement("UPDATE command.parked_events "
                + "SET replay_requested_at = now() WHERE CAST(? AS text) IS NULL OR aggregate_id = ?")) {
            request.setString(1, aggregateId);
            request.setString(2, aggregateId);
            requested = request.executeUpdate();
        }
        if (requested == 0) {
            return;
        }
        out.println("Asked the publisher to send " + requested + " parked event(s) again");
        long deadline = System.nanoTime() + PUBLISHER_REPLAY_TIMEOUT.toNanos();
        while (pendingReplays(aggregateId) > 0) {
            if (System.nanoTime() > deadline) {
                out.println("The publisher has not answered within " + PUBLISHER_REPLAY_TIMEOUT.toSeconds()
                        + " s: is the platform running? The request stays; it is carried out when it runs.");
                return;
            }
            Thread.sleep(500);
        }
    }

    private long pendingReplays(String aggregateId) throws SQLException {
        try (PreparedStatement select = database.prepareStatement("SELECT count(*) FROM command.parked_events "
                + "WHERE replay_requested_at IS NOT NULL AND (CAST(? AS text) IS NULL OR aggregate_id = ?)")) {
            select.setString(1, aggregateId);
            select.setString(2, aggregateId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
