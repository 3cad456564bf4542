package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A store written before usage left the aggregates (ADR 0017): executions and calls on the tools' and phone
 * numbers' own streams, appended here as that code appended them. The streams still load, their usage is listed
 * and counted with the new, it is not history, and the ETag, which counts their places in the stream, stays
 * where it is while new usage arrives.
 */
class LegacyUsageIT extends PlatformIT {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aToolWithExecutionsOnItsStreamLoadsListsThemAndKeepsItsETagWhileNewUsageArrives() throws Exception {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String tool = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/w"))
                .data()
                .path("id")
                .asText();
        alice.patch("/api/tools/" + tool, Map.of("description", "Forecasts"));

        StoredEvents.appendLegacyUsage(
                tool,
                "io.voicepartner.api.tool.ToolExecuted",
                legacyExecution(tool, user.id(), "legacy-1", assistant, 100),
                "legacy-1");
        StoredEvents.appendLegacyUsage(
                tool,
                "io.voicepartner.api.tool.ToolExecuted",
                legacyExecution(tool, user.id(), "legacy-2", assistant, 300),
                "legacy-2");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + tool)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(2));
        Api.Response read = alice.get("/api/tools/" + tool);
        assertThat(read.header("ETag")).isEqualTo("\"4\"");
        assertThat(read.data().path("avg_response_time").asDouble()).isEqualTo(200.0);
        assertThat(alice.get("/api/tools/" + tool + "/executions").data().findValuesAsText("execution_id"))
                .containsExactlyInAnyOrder("legacy-1", "legacy-2");
        assertThat(types(alice.get("/api/tools/" + tool + "/history").data()))
                .containsExactly("ToolCreated", "ToolUpdated");

        Api.Response reported = alice.post(
                "/api/tools/" + tool + "/executions",
                java.util.List.of(
                        Map.of(
                                "execution_id",
                                "legacy-1",
                                "duration_ms",
                                100,
                                "success",
                                true,
                                "assistant_id",
                                assistant),
                        Map.of(
                                "execution_id",
                                "new-1",
                                "duration_ms",
                                200,
                                "success",
                                true,
                                "assistant_id",
                                assistant)));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(202);
        assertThat(reported.data().path("recorded").asInt()).isEqualTo(1);
        assertThat(reported.data().path("duplicates").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + tool)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(3));
        assertThat(alice.get("/api/tools/" + tool).header("ETag")).isEqualTo("\"4\"");

        Api.Response edited =
                alice.withHeader("If-Match", "\"4\"").patch("/api/tools/" + tool, Map.of("name", "Forecast"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.data().path("revision").asLong()).isEqualTo(5);
        assertThat(edited.data().path("description").asText()).isEqualTo("Forecasts");
        assertThat(edited.data().path("total_calls").asLong()).isEqualTo(3);
    }

    @Test
    void aPhoneNumberWithCallsOnItsStreamCountsAndListsThemButNotAsHistory() throws Exception {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String number = alice.post(
                        "/api/phone-numbers",
                        Map.of(
                                "phone_number",
                                "+49 30 " + ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000)))
                .data()
                .path("id")
                .asText();

        Map<String, Object> call = new LinkedHashMap<>();
        call.put("phone_number_id", number);
        call.put("owner_id", user.id());
        call.put("call_id", "legacy-call");
        call.put("assistant_id", assistant);
        call.put("call_seconds", 90);
        call.put("direction", "inbound");
        call.put("started_at", now.minusSeconds(60).toString());
        StoredEvents.appendLegacyUsage(
                number,
                "io.voicepartner.api.phonenumber.CallRecorded",
                Api.JSON.writeValueAsString(call),
                "legacy-call");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/phone-numbers/" + number)
                                .data()
                                .path("usage")
                                .path("calls")
                                .asLong())
                        .isEqualTo(1));
        Api.Response read = alice.get("/api/phone-numbers/" + number);
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
        assertThat(read.data().path("usage").path("seconds").asLong()).isEqualTo(90);
        JsonNode calls = alice.get("/api/phone-numbers/" + number + "/calls").data();
        assertThat(calls.findValuesAsText("call_id")).containsExactly("legacy-call");
        assertThat(types(alice.get("/api/phone-numbers/" + number + "/history").data()))
                .containsExactly("PhoneNumberCreated");
        Api.Response edited = alice.withHeader("If-Match", "\"2\"")
                .patch("/api/phone-numbers/" + number, Map.of("friendly_name", "Hotline"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.data().path("revision").asLong()).isEqualTo(3);
    }

    private String legacyExecution(String tool, String owner, String id, String assistant, long durationMs)
            throws Exception {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("tool_id", tool);
        execution.put("owner_id", owner);
        execution.put("execution_id", id);
        execution.put("assistant_id", assistant);
        execution.put("duration_ms", durationMs);
        execution.put("success", true);
        execution.put("status_code", 200);
        execution.put("executed_at", now.minusSeconds(60).toString());
        execution.put("test_call", false);
        return Api.JSON.writeValueAsString(execution);
    }

    /** The types of a history's entries, oldest first (their changes may hold fields named type too). */
    private static java.util.List<String> types(JsonNode history) {
        java.util.List<String> types = new java.util.ArrayList<>();
        history.forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }
}
