package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events written straight into the shared platform's event store, as an older version of the platform (before
 * today's limits at the edge) could have stored them: the poison that the parking tests feed the processors.
 */
final class StoredEvents {

    private StoredEvents() {}

    /** The aggregate's latest event again, as its next event, with another {@code configuration.description}. */
    static void appendCopyOfLatestWithDescription(String aggregate, String description) throws Exception {
        try (Connection database = connect();
                PreparedStatement insert = database.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, time_stamp,
                    payload_type, payload_revision,
                    convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{configuration,description}',
                        to_jsonb(CAST(? AS text)))::text, 'UTF8'), meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")) {
            insert.setString(1, description);
            insert.setString(2, aggregate);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** What an upcaster would do to the event at {@code sequence}: its description replaced. */
    static void replaceDescription(String aggregate, long sequence, String description) throws Exception {
        try (Connection database = connect();
                PreparedStatement update = database.prepareStatement("""
                UPDATE command.domain_event_entry SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb,
                    '{configuration,description}', to_jsonb(CAST(? AS text)))::text, 'UTF8')
                WHERE aggregate_identifier = ? AND sequence_number = ?""")) {
            update.setString(1, description);
            update.setString(2, aggregate);
            update.setLong(3, sequence);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** A copy of an assistant's creation under a new id, stamped in the year -6000000, which no PostgreSQL column holds. */
    static void appendAncientCopyOfCreation(String template, String id) throws Exception {
        try (Connection database = connect();
                PreparedStatement insert = database.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, ?, 0, type, '-6000000-01-01T00:00:00Z', payload_type, payload_revision,
                    convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{assistant_id}', to_jsonb(CAST(? AS text)))::text,
                        'UTF8'), meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""")) {
            insert.setString(1, id);
            insert.setString(2, id);
            insert.setString(3, template);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /**
     * A usage event as the platform stored it before ADR 0017, on the tool's or phone number's own stream: the
     * aggregate's next event, with its type and metadata, and the reporter's id claimed as that code claimed it.
     *
     * @param payloadType the legacy event's class ({@code io.voicepartner.api.tool.ToolExecuted}, ...)
     * @param payload     its JSON, as the event store's serializer writes it
     */
    static void appendLegacyUsage(String aggregate, String payloadType, String payload, String reportId)
            throws Exception {
        try (Connection database = connect();
                PreparedStatement insert = database.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, ?, ?, NULL,
                    convert_to(?, 'UTF8'), meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""");
                PreparedStatement claim = database.prepareStatement(
                        "INSERT INTO command.usage_reports (aggregate_id, report_id) VALUES (?, ?)")) {
            insert.setString(1, java.time.Instant.now().toString());
            insert.setString(2, payloadType);
            insert.setString(3, payload);
            insert.setString(4, aggregate);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            claim.setString(1, aggregate);
            claim.setString(2, reportId);
            claim.executeUpdate();
        }
    }

    /**
     * An event as an older version of the platform stored it: the aggregate's next event, of the given class at
     * the first schema version (no payload revision), with its type and metadata.
     */
    static void appendFirstVersion(String aggregate, String payloadType, String payload) throws Exception {
        try (Connection database = connect();
                PreparedStatement insert = database.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, ?, ?, NULL,
                    convert_to(?, 'UTF8'), meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")) {
            insert.setString(1, java.time.Instant.now().toString());
            insert.setString(2, payloadType);
            insert.setString(3, payload);
            insert.setString(4, aggregate);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** How many of the aggregate's events the publisher has parked. */
    static long parkedByThePublisher(String aggregate) throws Exception {
        try (Connection database = connect();
                PreparedStatement select = database.prepareStatement(
                        "SELECT count(*) FROM command.parked_events WHERE aggregate_id = ?")) {
            select.setString(1, aggregate);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Once both consumers (the read models and analytics) have parked the aggregate's record, drops their dead
     * letters: no fix can ever make this record processable, and the shared platform's other tests expect it
     * healthy. Waiting first matters: the two consumers park on their own schedules.
     */
    static void forgetDeadLettersOnceParked(String aggregate) {
        forgetDeadLettersOnceParked(TestInfrastructure.database(), aggregate);
    }

    /** {@link #forgetDeadLettersOnceParked(String)} on another platform's database. */
    static void forgetDeadLettersOnceParked(TestInfrastructure.Database platform, String aggregate) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(platform, "query", aggregate) > 0
                        && deadLetters(platform, "analytics", aggregate) > 0);
        try (Connection database = connect(platform)) {
            for (String schema : new String[] {"query", "analytics"}) {
                try (PreparedStatement delete =
                        database.prepareStatement("DELETE FROM " + schema + ".dead_letters WHERE aggregate_id = ?")) {
                    delete.setString(1, aggregate);
                    delete.executeUpdate();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadLetters(TestInfrastructure.Database platform, String schema, String aggregate)
            throws Exception {
        try (Connection database = connect(platform);
                PreparedStatement select = database.prepareStatement(
                        "SELECT count(*) FROM " + schema + ".dead_letters WHERE aggregate_id = ?")) {
            select.setString(1, aggregate);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The first column of every row the query gives for its one parameter, as text. */
    static List<String> column(String sql, String parameter) throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** The payload types of the aggregate's stored events, in their order. */
    static List<String> payloadTypes(String aggregateId) throws Exception {
        return column(
                "SELECT payload_type FROM command.domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number",
                aggregateId);
    }

    /** A statement of a test's own on the shared platform's database (a trigger that makes a step fail, say). */
    static void execute(String sql) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Connection connect() throws Exception {
        return connect(TestInfrastructure.database());
    }

    private static Connection connect(TestInfrastructure.Database database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
