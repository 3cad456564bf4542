package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.messaging.AggregateType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Upcasting on the path to Kafka (ADR 0011): a {@code FileDeleted} stored at schema version 1, as the platform
 * stored deletions before {@code bytes_removed} existed, is published in its version 2 form, so that no consumer
 * ever sees the old shape; the read model applies it like any deletion.
 */
class UpcastingIT extends PlatformIT {

    @Test
    void aDeletionStoredAtVersionOneIsPublishedAsVersionTwo() throws Exception {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String id = alice.upload(
                        "/api/files",
                        Map.of(),
                        "notes.txt",
                        "Sprechzeiten: Montag bis Freitag".getBytes(StandardCharsets.UTF_8))
                .data()
                .path("id")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "processed"
                        .equals(alice.get("/api/files/" + id)
                                .data()
                                .path("status")
                                .asText()));
        long revision = alice.get("/api/files/" + id).data().path("revision").asLong();

        StoredEvents.appendFirstVersion(
                id, FileDeleted.class.getName(), "{\"file_id\":\"" + id + "\",\"owner_id\":\"" + user.id() + "\"}");

        List<ConsumerRecord<String, byte[]>> records = new TopicReader(TestInfrastructure.kafkaBootstrapServers())
                .recordsWithKey(AggregateType.FILE.topic(), id, (int) revision + 1);
        JsonNode published =
                new ObjectMapper().readTree(records.get(records.size() - 1).value());
        assertThat(published.path("type").asText()).isEqualTo("FileDeleted");
        assertThat(published.path("revision").asLong()).isEqualTo(revision + 1);
        assertThat(published.path("schema_version").asInt()).isEqualTo(2);
        assertThat(published.path("data").path("bytes_removed").asBoolean(false))
                .isTrue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alice.get("/api/files/" + id).status() == 404);
    }
}
