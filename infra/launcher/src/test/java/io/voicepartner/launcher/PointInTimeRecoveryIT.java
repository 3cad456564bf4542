package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.voicepartner.command.eventstore.CommandSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/scripts/point-in-time}: with the WAL archived since a base backup, the event store comes back as it
 * was at a chosen moment, every event appended before it and none after. A PostgreSQL cluster of the test's own
 * ({@link ThrowawayPostgres}) is archived, backed up and written to; a second one is recovered from the base backup
 * and the archive to the moment between two appends.
 */
@BesideTheOthers
class PointInTimeRecoveryIT {

    private static final Path SCRIPT = Path.of("../scripts/point-in-time").toAbsolutePath();

    @Test
    void theEventStoreComesBackAsItWasAtTheChosenMoment() throws SQLException {
        try (ThrowawayPostgres primary = ThrowawayPostgres.create();
                ThrowawayPostgres recovered = ThrowawayPostgres.withoutData()) {
            Path archive = primary.newDirectory("archive");
            Path base = primary.newDirectory("base");
            primary.start();
            primary.runAsServerUser(server(primary), SCRIPT.toString(), "archive", archive.toString());
            primary.restart();
            primary.database("platform");
            CommandSchema.flyway()
                    .dataSource(jdbcUrl(primary), "postgres", "")
                    .load()
                    .migrate();
            primary.runAsServerUser(server(primary), SCRIPT.toString(), "base-backup", base.toString());

            List<String> before;
            String moment;
            try (Connection store = DriverManager.getConnection(jdbcUrl(primary), "postgres", "")) {
                before = append(store, 3);
                // taken after the first appends committed and before the next begin: between them in the WAL
                moment = single(
                        store,
                        "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                + "'YYYY-MM-DD HH24:MI:SS.US') || '+00'");
                append(store, 2);
                String segment = single(store, "SELECT pg_walfile_name(pg_switch_wal())");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> single(store, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"),
                                archived -> archived.compareTo(segment) >= 0);
            }

            primary.runAsServerUser(
                    server(primary),
                    SCRIPT.toString(),
                    "recover",
                    base.toString(),
                    archive.toString(),
                    moment,
                    recovered.dataDirectory().toString());
            recovered.start();
            try (Connection store = DriverManager.getConnection(jdbcUrl(recovered), "postgres", "")) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> single(store, "SELECT pg_is_in_recovery()::text"), "false"::equals);
                assertThat(eventIds(store)).containsExactlyElementsOf(before);
            }
        }
    }

    private static Map<String, String> server(ThrowawayPostgres postgres) {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(postgres.port()), "PGUSER", "postgres");
    }

    private static String jdbcUrl(ThrowawayPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/platform";
    }

    /** Appends {@code count} events as the event store does, each committed on its own: their ids. */
    private static List<String> append(Connection store, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement insert = store.prepareStatement("INSERT INTO command.domain_event_entry "
                + "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload) "
                + "VALUES (?, ?, 0, 'Assistant', now()::text, 'io.voicepartner.api.assistant.AssistantCreated', ?)")) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                insert.setString(1, id);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> eventIds(Connection store) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = store.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT event_identifier FROM command.domain_event_entry ORDER BY global_index")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String single(Connection store, String sql) throws SQLException {
        try (Statement statement = store.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
