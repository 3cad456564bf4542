package io.voicepartner.launcher;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary secret stored in a tool (its bearer token, an API-key header, a key in its endpoint's query string) is
 * followed everywhere the platform writes: every response of every route that shows the tool, every log line (the
 * platform's own at debug), every event payload and metadata in the store, every lookup and read-model row, and every
 * record and header on Kafka. It must not appear in clear anywhere but in the one answer meant to carry it, the
 * runtime's call-start lookup of a number the tool's assistant answers; other responses show at most its last four
 * characters.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanarySecretIT extends PlatformIT {

    @Test
    void aToolsSecretNeverLeavesTheEncryptedEvent(CapturedOutput logs) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.voicepartner", LogLevel.DEBUG);
        try {
            followTheCanary(logs);
        } finally {
            logging.setLogLevel("io.voicepartner", null);
        }
    }

    private void followTheCanary(CapturedOutput logs) throws Exception {
        String token = "canary-token-" + UUID.randomUUID();
        String headerKey = "canary-header-" + UUID.randomUUID();
        String rotated = "canary-rotated-" + UUID.randomUUID();
        String queryKey = "canary-query-" + UUID.randomUUID();
        String movedQueryKey = "canary-moved-query-" + UUID.randomUUID();
        List<String> canaries = List.of(token, headerKey, rotated, queryKey, movedQueryKey);
        Api alice = api().as(api().signUp());
        List<Api.Response> responses = new ArrayList<>();

        Api.Response created = alice.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/tools", Map.of("name", "Calendar",
                        "endpoint", "https://tools.example.com/calendar?api_key=" + queryKey + "&view=week",
                        "headers", Map.of("X-Api-Key", headerKey, "Accept", "application/json"),
                        "authentication", Map.of("type", "bearer", "token", token)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String tool = created.data().path("id").asText();
        responses.add(created);
        responses.add(alice.post("/api/tools", Map.of("name", "", "endpoint", "not a url",
                "authentication", Map.of("type", "bearer", "token", token, "extra", headerKey))));
        responses.add(alice.post("/api/tools", Map.of("name", "Typed", "endpoint", "https://x.example.com",
                "authentication", Map.of("type", "basic", "username", token, "password", 42))));
        assertThat(created.data().path("endpoint").asText()).isEqualTo("https://tools.example.com/calendar?api_key="
                + "••••" + queryKey.substring(queryKey.length() - 4) + "&view=week");
        responses.add(alice.patch("/api/tools/" + tool, Map.of("description", "rotated",
                "authentication", Map.of("type", "bearer", "token", rotated))));
        responses.add(alice.patch("/api/tools/" + tool, Map.of("endpoint",
                "https://tools.example.com/calendar?view=month&X-Amz-Signature=" + movedQueryKey,
                "authentication", Map.of("type", "bearer", "token", rotated))));
        responses.add(alice.patch("/api/tools/" + tool, Map.of("endpoint",
                "https://tools.example.com/calendar?sig=" + queryKey + "&sig=" + movedQueryKey)));
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool)))
                .data().path("id").asText();
        for (String path : List.of("/api/tools/" + tool, "/api/tools", "/api/tools?q=Calendar",
                "/api/assistants/" + assistant, "/api/assistants/" + assistant + "/tools", "/api/assistants",
                "/schema")) {
            responses.add(alice.get(path));
        }
        responses.add(api().as(api().signUp()).get("/api/tools/" + tool));
        // the runtime's call-start lookup is the one answer meant to carry them, to call the tool with
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of()).status()).isEqualTo(201);
        String number = "+4930" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        assertThat(alice.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)).status())
                .isEqualTo(201);
        assertThat(alice.get("/api/runtime/phone-numbers/" + number).text()).contains(rotated, headerKey, movedQueryKey);
        responses.add(alice.get("/api/assistants/" + assistant + "/versions/1"));

        assertThat(responses).allSatisfy(response -> assertThat(response.text()).doesNotContain(canaries));
        assertThat(storedText()).as("event store, lookups, idempotency keys and read models")
                .doesNotContain(canaries).contains(tool);
        assertThat(kafkaText(tool)).doesNotContain(canaries);
        assertThat(logs.getAll()).as("log lines").doesNotContain(canaries);
    }

    /** Every row of every table the platform writes, as text (bytea as UTF-8), in one string. */
    private static String storedText() throws SQLException {
        StringBuilder text = new StringBuilder();
        TestInfrastructure.Database database = TestInfrastructure.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT table_schema || '.' || table_name FROM "
                    + "information_schema.tables WHERE table_schema IN ('command', 'query') AND table_type = 'BASE TABLE'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).contains("command.domain_event_entry");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            text.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(value)).append('\n');
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    /** The tool's records on its topic (created, updated), values and headers. */
    private static String kafkaText(String tool) {
        StringBuilder text = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record : new TopicReader(TestInfrastructure.kafkaBootstrapServers())
                .recordsWithKey("voicepartner.tools", tool, 3)) {
            text.append(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        assertThat(text).contains(tool);
        return text.toString();
    }
}
