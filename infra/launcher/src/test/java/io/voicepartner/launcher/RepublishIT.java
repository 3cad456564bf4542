package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code infra/scripts/republish}: the running publisher sends the whole store again, in order and in the
 * same envelopes, and the read models, which skip what they hold by revision, do not change.
 */
class RepublishIT extends OperationsPlatformIT {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private ReadModelTables tables;

    @Autowired
    void tables(JdbcTemplate jdbc) {
        tables = new ReadModelTables(jdbc);
    }

    private final TopicReader topics = new TopicReader(kafkaBootstrapServers());

    @Test
    void republishingFromTheStartChangesNoReadModelAndDuplicatesNothing() throws Exception {
        Api alice = api().as(api().signUp());
        String tool = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/w"))
                .data()
                .path("id")
                .asText();
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        alice.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(tool)));
        alice.patch("/api/assistants/" + assistant, Map.of("name", "Reception"));
        alice.delete("/api/assistants/" + assistant + "/tools?tool_id=" + tool);
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        Map<String, List<String>> before = tables.snapshot();
        List<ConsumerRecord<String, byte[]>> published = topics.recordsWithKey("voicepartner.assistants", assistant, 4);

        // the shared test PostgreSQL may have no connection to spare for the command's own for a moment
        AtomicBoolean caughtUp = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).contains("too many clients"))
                .until(() -> {
                    caughtUp.set(republish().run(0));
                    return true;
                });

        assertThat(caughtUp).isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Republishing from global index")
                .contains("Republish done");
        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.assistants", assistant, 8);
        assertThat(eventIds(records)).isEqualTo(twice(eventIds(published)));
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void isRefusedPastTheEndOfTheStore() {
        api().signUp();

        assertThatThrownBy(() -> republish().run(Long.MAX_VALUE))
                .isInstanceOf(Republish.Refused.class)
                .hasMessageContaining("the event store ends at global index");
    }

    private Republish republish() {
        return new Republish(
                ReadModelTables.environment(database()), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode envelope = Api.JSON.readTree(record.value());
            ids.add(envelope.path("event_id").asText() + "@"
                    + envelope.path("revision").asLong());
        }
        return ids;
    }

    private static List<String> twice(List<String> ids) {
        List<String> both = new ArrayList<>(ids);
        both.addAll(ids);
        return both;
    }
}
