package io.voicepartner.command.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.command.HttpApi;
import io.voicepartner.command.HttpApi.Answer;
import io.voicepartner.command.HttpApi.User;
import io.voicepartner.command.RunningCommandSide;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code V18__runtime_lookup.sql} fills the call-start columns of the lookups from the stored events exactly as the
 * lookup processor writes them: the command side's events and lookups, copied into a database at the schema before
 * it and migrated, show the same numbers, pins, configurations and versions as the running command side wrote.
 */
class CallStartBackFillTest extends RunningCommandSide {

    private static final MigrationVersion CALL_START_COLUMNS = MigrationVersion.fromVersion("18");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMigrationDerivesFromTheEventsWhatTheLookupProcessorWrites() throws SQLException {
        aUserWithVersionsAndNumbersOfEveryKind();
        String server = jdbc.sql("SELECT 1")
                .query((row, n) ->
                        row.getStatement().getConnection().getMetaData().getURL())
                .single();
        String name =
                "cs_backfill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = server.substring(0, server.lastIndexOf('/') + 1) + name;
        execute(server, "CREATE DATABASE " + name);
        try {
            migrate(url, versionBefore(url, CALL_START_COLUMNS));
            try (Connection copy = DriverManager.getConnection(url, "postgres", "")) {
                copy(
                        "domain_event_entry",
                        List.of(
                                "global_index",
                                "event_identifier",
                                "aggregate_identifier",
                                "sequence_number",
                                "type",
                                "time_stamp",
                                "payload_type",
                                "payload_revision",
                                "payload",
                                "meta_data"),
                        copy);
                copy("assistant_lookup", List.of("assistant_id", "owner_id", "deleted"), copy);
                copy(
                        "phone_number_lookup",
                        List.of("phone_number_id", "owner_id", "phone_number", "assistant_id", "deleted", "created_at"),
                        copy);
                copy("assistant_version_lookup", List.of("assistant_id", "number"), copy);
            }
            migrate(url, "latest");

            String numbers = "SELECT phone_number_id, assistant_version, configuration::text FROM "
                    + "command.phone_number_lookup ORDER BY phone_number_id";
            String versions =
                    "SELECT assistant_id, number, config_hash, published_at, published_by, configuration::text "
                            + "FROM command.assistant_version_lookup ORDER BY assistant_id, number";
            assertThat(rows(url, numbers)).isEqualTo(rows(server, numbers)).hasSizeGreaterThanOrEqualTo(4);
            assertThat(rows(url, versions)).isEqualTo(rows(server, versions)).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Two versions; numbers following, pinned, unassigned, renamed and released. */
    private void aUserWithVersionsAndNumbersOfEveryKind() {
        HttpApi api = api();
        User ada = api.signUp("ada-" + UUID.randomUUID() + "@example.com", "Ada");
        String tool = created(api.send(
                "POST",
                "/api/tools",
                ada,
                Map.of(
                        "name",
                        "Calendar",
                        "endpoint",
                        "https://tools.example.com/calendar?api_key=" + UUID.randomUUID(),
                        "authentication",
                        Map.of("type", "bearer", "token", "bearer-" + UUID.randomUUID()))));
        String assistant = created(
                api.send("POST", "/api/assistants", ada, Map.of("name", "Front desk", "tool_ids", List.of(tool))));
        created(api.send("POST", "/api/assistants/" + assistant + "/versions", ada, Map.of("note", "first")));
        created(api.send("PATCH", "/api/assistants/" + assistant, ada, Map.of("temperature", 0.3)));
        created(api.send("POST", "/api/assistants/" + assistant + "/versions", ada, Map.of()));
        created(api.send(
                "POST", "/api/phone-numbers", ada, Map.of("phone_number", freeNumber(), "assistant_id", assistant)));
        created(api.send(
                "POST",
                "/api/phone-numbers",
                ada,
                Map.of("phone_number", freeNumber(), "assistant_id", assistant, "assistant_version", 1)));
        String renamed = created(api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", freeNumber())));
        created(api.send(
                "PATCH",
                "/api/phone-numbers/" + renamed,
                ada,
                Map.of("friendly_name", "Renamed", "configuration", Map.of("record", true))));
        String released = created(api.send(
                "POST", "/api/phone-numbers", ada, Map.of("phone_number", freeNumber(), "assistant_id", assistant)));
        created(api.send("DELETE", "/api/phone-numbers/" + released, ada, null));
    }

    private void copy(String table, List<String> columns, Connection target) throws SQLException {
        String names = String.join(", ", columns);
        List<Map<String, Object>> rows =
                jdbc.sql("SELECT " + names + " FROM command." + table).query().listOfRows();
        try (PreparedStatement insert =
                target.prepareStatement("INSERT INTO command." + table + " (" + names + ") VALUES ("
                        + String.join(", ", columns.stream().map(column -> "?").toList()) + ")")) {
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, row.get(columns.get(i)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void migrate(String url, String target) {
        flyway(url, target).migrate();
    }

    /** The last migration before {@code version}, whichever others come and go around it. */
    private static String versionBefore(String url, MigrationVersion version) {
        return Arrays.stream(flyway(url, "latest").info().all())
                .map(MigrationInfo::getVersion)
                .filter(earlier -> earlier != null && earlier.compareTo(version) < 0)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .getVersion();
    }

    private static Flyway flyway(String url, String target) {
        return Flyway.configure()
                .dataSource(url, "postgres", "")
                .schemas("command")
                .defaultSchema("command")
                .locations("classpath:db/command")
                .target(target)
                .load();
    }

    private static List<List<Object>> rows(String url, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 202);
        return answer.data().path("id").asText();
    }

    private static String freeNumber() {
        return "+4930" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }
}
