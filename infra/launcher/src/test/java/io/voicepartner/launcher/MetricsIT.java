package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /actuator/prometheus}, public like the probes. Every check compares a series before and after an action
 * of its own: the platform is shared, so a series that exists, or that an earlier test moved, proves nothing. A
 * write moves the command's timer, the events published, the projection's lag and the Kafka consumer's count, and
 * leaves no event unpublished; a refusal is timed with its code. (The read-your-writes timeouts, of the command side
 * and of a read that gives up waiting for a revision, and the publisher's lag while Kafka is away are
 * {@link KafkaOutageIT}'s, where a wait in vain takes that platform's half second rather than this one's ten;
 * the rebuild's rate is {@link RebuildIT}'s.)
 */
class MetricsIT extends PlatformIT {

    @Test
    void aWriteShowsInTheCommandTimerAndThePublishingAndProjectionMetrics() {
        Api alice = api().as(api().signUp());
        String created = "command=\"CreateAssistant\",outcome=\"success\"";
        String assistants = "topic=\"voicepartner.assistants\"";
        double createdBefore =
                metrics().sample("voicepartner_commands_seconds_count", created).orElse(0.0);
        double publishedBefore = metrics()
                .sample("voicepartner_events_published_total", assistants)
                .orElse(0.0);
        double projectedBefore = metrics()
                .sample("voicepartner_projection_lag_seconds_count", assistants)
                .orElse(0.0);
        double consumedBefore = metrics().total("kafka_consumer_fetch_manager_records_consumed_total");

        assertThat(alice.post("/api/assistants", Map.of("name", "Measured")).status())
                .isEqualTo(201);

        assertThat(metrics().sample("voicepartner_commands_seconds_count", created))
                .hasValue(createdBefore + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metrics().sample("voicepartner_events_published_total", assistants))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThan(publishedBefore));
            assertThat(metrics().sample("voicepartner_projection_lag_seconds_count", assistants))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThan(projectedBefore));
            assertThat(metrics().total("kafka_consumer_fetch_manager_records_consumed_total"))
                    .isGreaterThan(consumedBefore);
            // every stored event, the one just written included, is on Kafka: the store's head and the
            // publisher's position moved together
            assertThat(metrics().sample("voicepartner_publisher_lag_events", ""))
                    .hasValue(0.0);
        });
    }

    @Test
    void aRefusedCommandIsTimedWithItsErrorCode() {
        Api alice = api().as(api().signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Moved on"))
                .data()
                .path("id")
                .asText();
        String refused = "command=\"UpdateAssistant\",outcome=\"revision_mismatch\"";
        double before =
                metrics().sample("voicepartner_commands_seconds_count", refused).orElse(0.0);

        assertThat(alice.withHeader("If-Match", "\"7\"")
                        .put("/api/assistants/" + id, Map.of("name", "Stale"))
                        .status())
                .isEqualTo(412);

        assertThat(metrics().sample("voicepartner_commands_seconds_count", refused))
                .hasValue(before + 1);
    }

    @Test
    void anUploadCountsInTheUploadVolume() {
        Api alice = api().as(api().signUp());
        double bytesBefore = metrics()
                .sample("voicepartner_uploads_bytes_sum", "file_type=\"txt\"")
                .orElse(0.0);
        byte[] text = "Sprechzeiten: Montag bis Freitag".getBytes(StandardCharsets.UTF_8);

        assertThat(alice.upload("/api/files", Map.of(), "sprechzeiten.txt", text)
                        .status())
                .isIn(201, 202);

        assertThat(metrics().sample("voicepartner_uploads_bytes_sum", "file_type=\"txt\""))
                .hasValue(bytesBefore + text.length);
    }

    private Prometheus metrics() {
        return new Prometheus(api());
    }
}
