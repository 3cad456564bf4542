package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.analytics.consuming.AnalyticsRebuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/analytics/...}: the figures the analytics consumer computes from the topics match what was
 * reported, per owner, and come out the same after its tables are dropped and rebuilt from Kafka.
 */
class AnalyticsIT extends OperationsPlatformIT {

    // per test: a reported time must lie within the life of a tool the test creates
    private final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString();
    private final String RANGE =
            "?from=" + LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2) + "&to=" + TODAY;

    @Autowired
    private AnalyticsRebuild rebuild;

    @Autowired
    private JdbcClient jdbc;

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void figuresMatchWhatWasReportedAndSurviveARebuildFromKafka() throws InterruptedException {
        String frontDesk = assistant("Front desk");
        String sales = assistant("Sales");
        String tool = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/w"))
                .data()
                .path("id")
                .asText();
        // durations 1..100 ms for the front desk, every tenth a failure; 5 ms once for sales
        List<Map<String, Object>> executions = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            executions.add(Map.of(
                    "execution_id",
                    "fd-" + i,
                    "duration_ms",
                    i,
                    "success",
                    i % 10 != 0,
                    "status_code",
                    i % 10 != 0 ? 200 : 500,
                    "assistant_id",
                    frontDesk,
                    "occurred_at",
                    NOW.minusSeconds(i).toString()));
        }
        executions.add(Map.of("duration_ms", 5, "success", true, "assistant_id", sales, "occurred_at", NOW.toString()));
        assertThat(alice.post("/api/tools/" + tool + "/executions", executions).status())
                .isEqualTo(202);
        String number = alice.post(
                        "/api/phone-numbers",
                        Map.of(
                                "phone_number",
                                "+49 30 " + ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000)))
                .data()
                .path("id")
                .asText();
        assertThat(alice.post(
                                "/api/phone-numbers/" + number + "/usage",
                                List.of(
                                        Map.of(
                                                "call_seconds",
                                                120,
                                                "direction",
                                                "inbound",
                                                "assistant_id",
                                                frontDesk,
                                                "occurred_at",
                                                NOW.toString()),
                                        Map.of(
                                                "call_seconds",
                                                45,
                                                "direction",
                                                "outbound",
                                                "assistant_id",
                                                sales,
                                                "occurred_at",
                                                NOW.toString())))
                        .status())
                .isEqualTo(202);
        byte[] text = "Opening hours: 9 to 5.".getBytes(StandardCharsets.UTF_8);
        assertThat(alice.upload("/api/files", Map.of(), "hours.txt", text).status())
                .isEqualTo(201);

        Map<String, JsonNode> expected = Map.of(
                "assistants", Api.JSON.valueToTree(List.of(Map.of("day", TODAY, "created", 2))),
                "tool-executions",
                        Api.JSON.valueToTree(sorted(
                                Map.of(
                                        "assistant_id",
                                        frontDesk,
                                        "executions",
                                        100,
                                        "errors",
                                        10,
                                        "error_rate",
                                        0.1,
                                        "p50_ms",
                                        50,
                                        "p95_ms",
                                        95,
                                        "p99_ms",
                                        99),
                                Map.of(
                                        "assistant_id",
                                        sales,
                                        "executions",
                                        1,
                                        "errors",
                                        0,
                                        "error_rate",
                                        0.0,
                                        "p50_ms",
                                        5,
                                        "p95_ms",
                                        5,
                                        "p99_ms",
                                        5))),
                "file-uploads", Api.JSON.valueToTree(List.of(Map.of("day", TODAY, "uploads", 1, "bytes", text.length))),
                "phone-numbers",
                        Api.JSON.valueToTree(List.of(
                                Map.of("phone_number_id", number, "calls", 2, "seconds", 165, "minutes", 2.75))));
        awaitFigures(expected);

        jdbc.sql("DROP TABLE analytics.tool_executions").update();
        rebuild.rebuild();

        awaitFigures(expected);
    }

    @Test
    void figuresAreTheCallersOwnAndTheRangeIsValidated() {
        assistant("Front desk");
        Api bob = api().as(api().signUp());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                alice.get("/api/analytics/assistants" + RANGE).data())
                        .hasSize(1));
        assertThat(bob.get("/api/analytics/assistants" + RANGE).data()).isEmpty();

        Api.Response bad = alice.get("/api/analytics/tool-executions?from=yesterday&to=2026-13-01");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.error().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("from", "to");
        Api.Response reversed = alice.get("/api/analytics/file-uploads?from=2026-02-01&to=2026-01-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.error().path("details").path(0).path("field").asText())
                .isEqualTo("from");
        assertThat(api().get("/api/analytics/phone-numbers").status()).isEqualTo(401);
    }

    private void awaitFigures(Map<String, JsonNode> expected) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> expected.forEach((figure, rows) -> {
                    Api.Response response = alice.get("/api/analytics/" + figure + RANGE);
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    // both sides read from JSON text by one mapper, so that numbers compare by value
                    assertThat(response.data()).as(figure).isEqualTo(readTree(Api.write(rows)));
                }));
    }

    private static JsonNode readTree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String assistant(String name) {
        return alice.post("/api/assistants", Map.of("name", name))
                .data()
                .path("id")
                .asText();
    }

    @SafeVarargs
    private static List<Map<String, Object>> sorted(Map<String, Object>... rows) {
        List<Map<String, Object>> list = new ArrayList<>(List.of(rows));
        list.sort((a, b) -> ((String) a.get("assistant_id")).compareTo((String) b.get("assistant_id")));
        return list;
    }
}
