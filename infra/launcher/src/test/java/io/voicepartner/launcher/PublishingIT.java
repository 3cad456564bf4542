package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Every event reaches its topic in the documented envelope, and the read models shrug off redeliveries. */
class PublishingIT extends PlatformIT {

    private final TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());

    @Test
    void everyEventIsPublishedInOrderKeyedByItsAssistant() throws IOException {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String id = alice.post("/api/assistants", Map.of("name", "Published"))
                .data()
                .path("id")
                .asText();
        alice.put("/api/assistants/" + id, Map.of("name", "Renamed"));
        alice.delete("/api/assistants/" + id);

        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.assistants", id, 3);

        assertThat(records).hasSize(3);
        long previousPosition = -1;
        String[] types = {"AssistantCreated", "AssistantUpdated", "AssistantDeleted"};
        for (int i = 0; i < 3; i++) {
            JsonNode envelope = Api.JSON.readTree(records.get(i).value());
            assertThat(envelope.path("type").asText()).isEqualTo(types[i]);
            assertThat(envelope.path("aggregate_type").asText()).isEqualTo("assistant");
            assertThat(envelope.path("aggregate_id").asText()).isEqualTo(id);
            assertThat(envelope.path("revision").asLong()).isEqualTo(i + 1);
            assertThat(envelope.path("owner_id").asText()).isEqualTo(user.id());
            assertThat(envelope.path("actor").asText()).isEqualTo(user.id());
            assertThat(envelope.path("schema_version").asInt()).isEqualTo(1);
            assertThat(envelope.path("event_id").asText()).isNotBlank();
            assertThat(envelope.path("occurred_at").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(envelope.path("global_position").asLong()).isGreaterThan(previousPosition);
            previousPosition = envelope.path("global_position").asLong();
            assertThat(envelope.path("data").path("assistant_id").asText()).isEqualTo(id);
            for (String field : List.of(
                    "event_id",
                    "type",
                    "aggregate_type",
                    "aggregate_id",
                    "revision",
                    "owner_id",
                    "actor",
                    "occurred_at",
                    "schema_version",
                    "global_position")) {
                assertThat(header(records.get(i), field))
                        .as(field)
                        .isEqualTo(envelope.path(field).asText());
            }
        }
        assertThat(Api.JSON
                        .readTree(records.get(1).value())
                        .path("data")
                        .path("configuration")
                        .path("name")
                        .asText())
                .isEqualTo("Renamed");
        assertThat(Api.JSON
                        .readTree(records.get(1).value())
                        .path("data")
                        .path("changed_fields")
                        .toString())
                .isEqualTo("[\"name\"]");
    }

    @Test
    void theRequestIdOfTheWriteTravelsInTheRecordsEnvelopeAndHeaders() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        Api alice = api().as(api().signUp());
        String id = alice.withHeader("X-Request-Id", requestId)
                .post("/api/assistants", Map.of("name", "Traced"))
                .data()
                .path("id")
                .asText();

        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.assistants", id, 1);

        assertThat(header(records.get(0), "request_id")).isEqualTo(requestId);
        assertThat(Api.JSON.readTree(records.get(0).value()).path("request_id").asText())
                .isEqualTo(requestId);
    }

    @Test
    void noPasswordOrHashOrAddressInClearEverReachesATopic() {
        Api.User user = api().signUp();

        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.users", user.id(), 1);

        String published = new String(records.get(0).value(), StandardCharsets.UTF_8);
        assertThat(published)
                .contains("\"type\":\"UserRegistered\"")
                // the address is sealed with the person's key (ADR 0034), the password never there at all
                .doesNotContain(user.email())
                .doesNotContain(user.password())
                .doesNotContain("$2a$")
                .doesNotContainIgnoringCase("password");
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        Api alice = api().as(api().signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Original"))
                .data()
                .path("id")
                .asText();
        JsonNode updated =
                alice.put("/api/assistants/" + id, Map.of("name", "Changed")).data();
        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.assistants", id, 2);

        topics.send(records.get(0));
        topics.send(records.get(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.consumedEverything("voicepartner-query-side", "voicepartner.assistants"));

        assertThat(alice.get("/api/assistants/" + id).data()).isEqualTo(updated);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
