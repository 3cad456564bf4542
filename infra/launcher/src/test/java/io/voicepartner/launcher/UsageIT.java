package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What the voice runtime reports: {@code POST /api/tools/{id}/executions} and {@code /api/phone-numbers/{id}/usage}. */
class UsageIT extends PlatformIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Api alice;
    private String assistant;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
        assistant = alice.post("/api/assistants", Map.of("name", "Front desk")).data().path("id").asText();
    }

    @Test
    void executionsAreCountedOnTheToolOnceEach() {
        String tool = newTool();

        Api.Response one = alice.post("/api/tools/" + tool + "/executions", execution("e-1", 100, true, 200,
                NOW.minusSeconds(30)));
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.data().path("total_calls").asLong()).isEqualTo(1);

        List<Map<String, Object>> batch = List.of(
                execution("e-2", 200, true, 200, NOW.minusSeconds(10)),
                execution("e-3", 300, false, 502, NOW.minusSeconds(20)));
        Api.Response reported = alice.post("/api/tools/" + tool + "/executions", batch);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        Api.Response resent = alice.post("/api/tools/" + tool + "/executions", batch);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);

        JsonNode read = alice.get("/api/tools/" + tool).data();
        assertThat(read.path("total_calls").asLong()).isEqualTo(3);
        assertThat(read.path("avg_response_time").asDouble()).isEqualTo(200.0);
        assertThat(Instant.parse(read.path("last_used").asText())).isEqualTo(NOW.minusSeconds(10));
        assertThat(read.path("revision").asLong()).isEqualTo(4);
    }

    @Test
    void callsAreCountedOnThePhoneNumberOnceEach() {
        String number = alice.post("/api/phone-numbers", Map.of("phone_number", "+49 30 " + newLine()))
                .data().path("id").asText();

        List<Map<String, Object>> batch = List.of(call("c-1", 60, "inbound", NOW.minusSeconds(300)),
                call("c-2", 90, "outbound", NOW.minusSeconds(100)));
        Api.Response reported = alice.post("/api/phone-numbers/" + number + "/usage", batch);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(alice.post("/api/phone-numbers/" + number + "/usage", call("c-2", 90, "outbound",
                NOW.minusSeconds(100))).status()).isEqualTo(200);

        JsonNode read = alice.get("/api/phone-numbers/" + number).data();
        assertThat(read.path("usage").path("calls").asLong()).isEqualTo(2);
        assertThat(read.path("usage").path("seconds").asLong()).isEqualTo(150);
        assertThat(read.path("usage").path("minutes").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(Instant.parse(read.path("last_used").asText())).isEqualTo(NOW.minusSeconds(100));
    }

    @Test
    void refusesAReportNamingEveryBadFieldOfEveryItem() {
        String tool = newTool();
        Map<String, Object> future = execution(null, 10, true, 200, NOW.plusSeconds(3600));
        Map<String, Object> wrong = new HashMap<>(execution(null, -1, true, 99, NOW));
        wrong.remove("success");
        wrong.put("total_calls", 7);

        Api.Response response = alice.post("/api/tools/" + tool + "/executions", List.of(future, wrong));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field")).containsExactlyInAnyOrder(
                "[0].occurred_at", "[1].duration_ms", "[1].status_code", "[1].success", "[1].total_calls");
        Api.Response call = alice.post("/api/phone-numbers/" + alice.post("/api/phone-numbers",
                Map.of("phone_number", "+49 30 " + newLine())).data().path("id").asText() + "/usage",
                Map.of("call_seconds", "long", "direction", "sideways", "assistant_id", assistant,
                        "occurred_at", "yesterday"));
        assertThat(call.status()).as(call.toString()).isEqualTo(400);
        assertThat(call.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("call_seconds", "direction", "occurred_at");
        assertThat(alice.get("/api/tools/" + tool).data().path("total_calls").asLong()).isZero();
    }

    @Test
    void refusesTooLargeABatch() {
        String tool = newTool();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(execution(null, 10, true, 200, NOW));
        }

        Api.Response response = alice.post("/api/tools/" + tool + "/executions", batch);

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.error().path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void anotherUsersToolNumberOrAssistantIsNotFound() {
        String tool = newTool();
        Api bob = api().as(api().signUp());
        String bobsAssistant = bob.post("/api/assistants", Map.of("name", "Bob's")).data().path("id").asText();

        assertThat(bob.post("/api/tools/" + tool + "/executions", execution(null, 10, true, 200, NOW)).status())
                .isEqualTo(404);
        Map<String, Object> forBob = new HashMap<>(execution(null, 10, true, 200, NOW));
        forBob.put("assistant_id", bobsAssistant);
        Api.Response response = alice.post("/api/tools/" + tool + "/executions", forBob);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error().path("message").asText()).contains(bobsAssistant);
        assertThat(api().post("/api/tools/" + tool + "/executions", execution(null, 10, true, 200, NOW)).status())
                .isEqualTo(401);
    }

    private String newTool() {
        return alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/weather"))
                .data().path("id").asText();
    }

    private Map<String, Object> execution(String id, long durationMs, boolean success, int statusCode, Instant at) {
        Map<String, Object> execution = new HashMap<>(Map.of("duration_ms", durationMs, "success", success,
                "status_code", statusCode, "assistant_id", assistant, "occurred_at", at.toString()));
        if (id != null) {
            execution.put("execution_id", id);
        }
        return execution;
    }

    private Map<String, Object> call(String id, long seconds, String direction, Instant at) {
        return Map.of("call_id", id, "call_seconds", seconds, "direction", direction, "assistant_id", assistant,
                "occurred_at", at.toString());
    }

    private static String newLine() {
        return Long.toString(ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000));
    }
}
