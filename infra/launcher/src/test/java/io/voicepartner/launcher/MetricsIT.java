package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /actuator/prometheus}, public like the probes: after a write it shows the command's timer,
 * the events published, the publisher's lag, the projection's lag and the Kafka consumer's lag; and it
 * counts the reads that give up waiting for a revision.
 */
class MetricsIT extends PlatformIT {

    @Test
    void aWriteShowsInTheCommandTimerAndThePublishingAndProjectionMetrics() {
        Api alice = api().as(api().signUp());
        double createdBefore = sample("voicepartner_commands_seconds_count",
                "command=\"CreateAssistant\",outcome=\"success\"").orElse(0.0);

        assertThat(alice.post("/api/assistants", Map.of("name", "Measured")).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(sample("voicepartner_commands_seconds_count", "command=\"CreateAssistant\",outcome=\"success\""))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThan(createdBefore));
            assertThat(sample("voicepartner_events_published_total", "topic=\"voicepartner.assistants\""))
                    .hasValueSatisfying(count -> assertThat(count).isPositive());
            assertThat(sample("voicepartner_projection_lag_seconds_count", "topic=\"voicepartner.assistants\""))
                    .hasValueSatisfying(count -> assertThat(count).isPositive());
            assertThat(sample("voicepartner_publisher_lag_events", "")).hasValueSatisfying(
                    lag -> assertThat(lag).isGreaterThanOrEqualTo(0));
            assertThat(prometheus()).contains("kafka_consumer_fetch_manager_records_lag_max");
        });
    }

    @Test
    void aRefusedCommandIsTimedWithItsErrorCode() {
        Api alice = api().as(api().signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Moved on")).data().path("id").asText();

        assertThat(alice.withHeader("If-Match", "\"7\"").put("/api/assistants/" + id, Map.of("name", "Stale"))
                .status()).isEqualTo(412);

        assertThat(sample("voicepartner_commands_seconds_count",
                "command=\"UpdateAssistant\",outcome=\"revision_mismatch\"")).isPresent();
    }

    @Test
    void aReadThatWaitsForARevisionInVainCountsAsAReadYourWritesTimeout() {
        Api alice = api().as(api().signUp());
        String location = alice.post("/api/assistants", Map.of("name", "Never revised")).header("Location");
        double before = sample("voicepartner_read_your_writes_timeouts_total", "side=\"query\"").orElseThrow();

        Api.Response read = alice.withHeader("X-Min-Revision", "99").get(location);

        assertThat(read.data().path("revision").asLong()).isEqualTo(1);
        assertThat(sample("voicepartner_read_your_writes_timeouts_total", "side=\"query\"")).hasValue(before + 1);
        assertThat(sample("voicepartner_read_your_writes_timeouts_total", "side=\"command\"")).isPresent();
    }

    private String prometheus() {
        Api.Response response = api().get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labels}. */
    @Test
    void anUploadCountsInTheUploadVolume() {
        Api alice = api().as(api().signUp());
        double bytesBefore = sample("voicepartner_uploads_bytes_sum", "file_type=\"txt\"").orElse(0.0);
        byte[] text = "Sprechzeiten: Montag bis Freitag".getBytes(StandardCharsets.UTF_8);

        assertThat(alice.upload("/api/files", Map.of(), "sprechzeiten.txt", text).status()).isIn(201, 202);

        assertThat(sample("voicepartner_uploads_bytes_sum", "file_type=\"txt\"")).hasValue(bytesBefore + text.length);
    }

    private Optional<Double> sample(String metric, String labels) {
        Matcher line = Pattern.compile("^" + metric + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(prometheus());
        while (line.find()) {
            if (line.group(1) == null ? labels.isEmpty() : line.group(1).contains(labels)) {
                return Optional.of(Double.parseDouble(line.group(2)));
            }
        }
        return Optional.empty();
    }
}
