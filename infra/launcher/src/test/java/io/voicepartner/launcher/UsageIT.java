package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the voice runtime reports ({@code POST /api/tools/{id}/executions}, {@code /api/phone-numbers/{id}/usage})
 * and what its owner reads of it ({@code GET /api/tools/{id}/executions}, {@code /api/phone-numbers/{id}/calls}).
 * Usage is telemetry, not configuration (ADR 0017): it never moves a tool's revision, ETag or history.
 */
class UsageIT extends PlatformIT {

    /** Per test: a reported time must lie within the tool's life, which starts in the test. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Api alice;
    private String assistant;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
        assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
    }

    @Test
    void reportingKeepsTheToolsETagAndAnEditorsIfMatchReadBeforeStillWins() {
        String tool = newTool();
        Api.Response read = alice.get("/api/tools/" + tool);
        String etag = read.header("ETag");

        Api.Response reported = alice.post(
                "/api/tools/" + tool + "/executions",
                List.of(
                        execution("e-1", 100, true, 200, now.minusSeconds(30)),
                        execution("e-2", 300, false, 502, now.minusSeconds(10))));

        assertThat(reported.status()).as(reported.toString()).isEqualTo(202);
        assertThat(reported.data().path("recorded").asInt()).isEqualTo(2);
        assertThat(reported.data().path("duplicates").asInt()).isZero();
        JsonNode counted = awaitTotalCalls(tool, 2);
        assertThat(counted.path("avg_response_time").asDouble()).isEqualTo(200.0);
        assertThat(Instant.parse(counted.path("last_used").asText())).isEqualTo(now.minusSeconds(10));
        assertThat(counted.path("revision").asLong()).isEqualTo(1);
        assertThat(alice.get("/api/tools/" + tool).header("ETag")).isEqualTo(etag);

        Api.Response edited =
                alice.withHeader("If-Match", etag).patch("/api/tools/" + tool, Map.of("name", "Forecast"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.data().path("revision").asLong()).isEqualTo(2);
        assertThat(edited.data().path("total_calls").asLong()).isEqualTo(2);
    }

    @Test
    void theHistoryShowsOnlyConfigurationChanges() {
        String tool = newTool();
        alice.post("/api/tools/" + tool + "/executions", execution("e-1", 100, true, 200, now));
        alice.patch("/api/tools/" + tool, Map.of("description", "Forecasts"));
        alice.post("/api/tools/" + tool + "/executions", execution("e-2", 100, true, 200, now));
        awaitTotalCalls(tool, 2);

        JsonNode history = alice.get("/api/tools/" + tool + "/history").data();

        assertThat(types(history)).containsExactly("ToolCreated", "ToolUpdated");
        assertThat(history.findValuesAsText("revision")).containsExactly("1", "2");
    }

    @Test
    void anExecutionIsRecordedOnceAcrossBatchesAndRedeliveries() throws Exception {
        String tool = newTool();

        assertRecorded(
                alice.post(
                        "/api/tools/" + tool + "/executions",
                        List.of(execution("e-1", 100, true, 200, now), execution("e-2", 200, true, 200, now))),
                2,
                0);
        assertRecorded(
                alice.post(
                        "/api/tools/" + tool + "/executions",
                        List.of(execution("e-2", 200, true, 200, now), execution("e-3", 300, true, 200, now))),
                1,
                1);
        assertRecorded(
                alice.post(
                        "/api/tools/" + tool + "/executions",
                        List.of(execution("e-2", 200, true, 200, now), execution("e-3", 300, true, 200, now))),
                0,
                2);
        assertRecorded(
                alice.post(
                        "/api/tools/" + tool + "/executions",
                        List.of(execution("e-4", 400, true, 200, now), execution("e-4", 400, true, 200, now))),
                1,
                1);
        awaitTotalCalls(tool, 4);

        TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());
        for (ConsumerRecord<String, byte[]> record : topics.recordsWithKey("voicepartner.usage", tool, 4)) {
            topics.send(record);
        }
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());

        JsonNode read = alice.get("/api/tools/" + tool).data();
        assertThat(read.path("total_calls").asLong()).isEqualTo(4);
        assertThat(read.path("avg_response_time").asDouble()).isEqualTo(250.0);
        assertThat(alice.get("/api/tools/" + tool + "/executions").data().findValuesAsText("execution_id"))
                .containsExactlyInAnyOrder("e-1", "e-2", "e-3", "e-4");
    }

    @Test
    void countersStayExactUnderConcurrentBatches() throws Exception {
        String tool = newTool();
        int reporters = 4;
        int batches = 3;
        int perBatch = 50;
        ExecutorService pool = Executors.newFixedThreadPool(reporters);
        List<Future<Integer>> recorded = new ArrayList<>();
        try {
            for (int reporter = 0; reporter < reporters; reporter++) {
                int r = reporter;
                recorded.add(pool.submit((Callable<Integer>) () -> {
                    int sum = 0;
                    for (int b = 0; b < batches; b++) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            // every reporter also re-sends the first reporter's first batch: counted once
                            String id = b == 0 && i < 10 ? "shared-" + i : "r" + r + "-b" + b + "-" + i;
                            batch.add(execution(id, 10, true, 200, now));
                        }
                        Api.Response response = alice.post("/api/tools/" + tool + "/executions", batch);
                        assertThat(response.status()).as(response.toString()).isEqualTo(202);
                        sum += response.data().path("recorded").asInt();
                    }
                    return sum;
                }));
            }
            int total = 0;
            for (Future<Integer> future : recorded) {
                total += future.get();
            }
            int distinct = reporters * batches * perBatch - (reporters - 1) * 10;
            assertThat(total).isEqualTo(distinct);
            JsonNode read = awaitTotalCalls(tool, distinct);
            assertThat(read.path("avg_response_time").asDouble()).isEqualTo(10.0);
            assertThat(alice.get("/api/tools/" + tool + "/executions?limit=1")
                            .json()
                            .path("meta")
                            .path("total")
                            .asLong())
                    .isEqualTo(distinct);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void executionsAreListedNewestFirstPageByPageAndFiltered() {
        String tool = newTool();
        String sales = alice.post("/api/assistants", Map.of("name", "Sales"))
                .data()
                .path("id")
                .asText();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            Map<String, Object> item =
                    execution("e-" + i, i * 10L, i % 3 != 0, i % 3 != 0 ? 200 : 500, now.minusSeconds(100 - i));
            if (i >= 6) {
                item.put("assistant_id", sales);
            }
            batch.add(item);
        }
        alice.post("/api/tools/" + tool + "/executions", batch);
        awaitTotalCalls(tool, 7);

        Api.Response first = alice.get("/api/tools/" + tool + "/executions?limit=3");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.data().findValuesAsText("execution_id")).containsExactly("e-7", "e-6", "e-5");
        assertThat(first.json().path("meta").path("total").asLong()).isEqualTo(7);
        JsonNode one = first.data().get(0);
        assertThat(one.path("id").asText())
                .as("a UUIDv7, as every id of the platform")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(one.path("duration_ms").asLong()).isEqualTo(70);
        assertThat(Instant.parse(one.path("occurred_at").asText())).isEqualTo(now.minusSeconds(93));
        assertThat(one.path("received_at").asText()).isNotBlank();
        String cursor = first.json().path("meta").path("next_cursor").asText();
        Api.Response second = alice.get("/api/tools/" + tool + "/executions?limit=3&cursor=" + cursor);
        assertThat(second.data().findValuesAsText("execution_id")).containsExactly("e-4", "e-3", "e-2");
        Api.Response last = alice.get("/api/tools/" + tool + "/executions?limit=3&cursor="
                + second.json().path("meta").path("next_cursor").asText());
        assertThat(last.data().findValuesAsText("execution_id")).containsExactly("e-1");
        assertThat(last.json().path("meta").path("next_cursor").isNull()).isTrue();

        assertThat(alice.get("/api/tools/" + tool + "/executions?success=false")
                        .data()
                        .findValuesAsText("execution_id"))
                .containsExactly("e-6", "e-3");
        assertThat(alice.get("/api/tools/" + tool + "/executions?assistant_id=" + sales)
                        .data()
                        .findValuesAsText("execution_id"))
                .containsExactly("e-7", "e-6");
        Api.Response window = alice.get("/api/tools/" + tool + "/executions?from=" + encode(now.minusSeconds(97))
                + "&to=" + encode(now.minusSeconds(95)));
        assertThat(window.data().findValuesAsText("execution_id")).containsExactly("e-4", "e-3");
        assertThat(window.json().path("meta").path("total").asLong()).isEqualTo(2);

        Api.Response bad = alice.get("/api/tools/" + tool + "/executions?from=yesterday&success=maybe&cursor=nope&to="
                + encode(now.minusSeconds(3600)));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("from", "success", "cursor");
    }

    @Test
    void anotherUsersToolOrNumberIsNotFound() {
        String tool = newTool();
        String number = newNumber();
        Api bob = api().as(api().signUp());
        String bobsAssistant = bob.post("/api/assistants", Map.of("name", "Bob's"))
                .data()
                .path("id")
                .asText();

        assertThat(bob.post("/api/tools/" + tool + "/executions", execution(null, 10, true, 200, now))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/tools/" + tool + "/executions").status()).isEqualTo(404);
        assertThat(bob.get("/api/phone-numbers/" + number + "/calls").status()).isEqualTo(404);
        assertThat(bob.post("/api/phone-numbers/" + number + "/usage", call("c-1", 10, "inbound", now))
                        .status())
                .isEqualTo(404);
        Map<String, Object> forBob = execution(null, 10, true, 200, now);
        forBob.put("assistant_id", bobsAssistant);
        Api.Response response = alice.post("/api/tools/" + tool + "/executions", forBob);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.error().path("message").asText()).contains(bobsAssistant);
        assertThat(api().post("/api/tools/" + tool + "/executions", execution(null, 10, true, 200, now))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTimeOutsideTheToolsLifeIsRefusedNamingItAndNothingOfTheBatchIsStored() {
        String tool = newTool();
        List<Map<String, Object>> batch = List.of(
                execution("w-1", 10, true, 200, now),
                execution("w-2", 10, true, 200, now.minus(Duration.ofMinutes(20))),
                execution("w-3", 10, true, 200, now.plus(Duration.ofHours(1))));

        Api.Response refused = alice.post("/api/tools/" + tool + "/executions", batch);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.error().path("details").findValuesAsText("field"))
                .containsExactly("[1].occurred_at", "[2].occurred_at");
        Map<String, Object> early = execution("w-4", 10, true, 200, now.minus(Duration.ofMinutes(20)));
        assertThat(alice.post("/api/tools/" + tool + "/executions", early)
                        .error()
                        .path("details")
                        .findValuesAsText("field"))
                .containsExactly("occurred_at");

        // a time the tool's creation, less the clock skew, allows; the ids of the refused batch were not taken
        Map<String, Object> withoutTime = execution("w-1", 10, true, 200, now);
        withoutTime.remove("occurred_at");
        Api.Response accepted = alice.post(
                "/api/tools/" + tool + "/executions",
                List.of(withoutTime, execution("w-2", 10, true, 200, now.minus(Duration.ofMinutes(4)))));
        assertRecorded(accepted, 2, 0);
        awaitTotalCalls(tool, 2);
        JsonNode listed = alice.get("/api/tools/" + tool + "/executions").data();
        assertThat(listed.findValuesAsText("execution_id")).containsExactlyInAnyOrder("w-1", "w-2");
        assertThat(Instant.parse(listed.get(0).path("occurred_at").asText())).isAfterOrEqualTo(now);
    }

    @Test
    void refusesAReportNamingEveryBadFieldOfEveryItem() {
        String tool = newTool();
        Map<String, Object> wrong = execution(null, -1, true, 99, now);
        wrong.remove("success");
        wrong.put("total_calls", 7);

        Api.Response response =
                alice.post("/api/tools/" + tool + "/executions", List.of(execution(null, 10, true, 200, now), wrong));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("[1].duration_ms", "[1].status_code", "[1].success", "[1].total_calls");
        Api.Response call = alice.post(
                "/api/phone-numbers/" + newNumber() + "/usage",
                Map.of(
                        "call_seconds",
                        "long",
                        "direction",
                        "sideways",
                        "assistant_id",
                        assistant,
                        "occurred_at",
                        "yesterday"));
        assertThat(call.status()).as(call.toString()).isEqualTo(400);
        assertThat(call.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("call_seconds", "direction", "occurred_at");
        assertThat(alice.get("/api/tools/" + tool + "/executions").data()).isEmpty();
    }

    @Test
    void refusesTooLargeABatch() {
        String tool = newTool();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(execution(null, 10, true, 200, now));
        }

        Api.Response response = alice.post("/api/tools/" + tool + "/executions", batch);

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.error().path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void callsAreCountedOnceEachAndListedWithoutMovingTheNumber() {
        String number = newNumber();
        String etag = alice.get("/api/phone-numbers/" + number).header("ETag");

        assertRecorded(
                alice.post(
                        "/api/phone-numbers/" + number + "/usage",
                        List.of(
                                call("c-1", 60, "inbound", now.minusSeconds(200)),
                                call("c-2", 90, "outbound", now.minusSeconds(100)))),
                2,
                0);
        assertRecorded(
                alice.post(
                        "/api/phone-numbers/" + number + "/usage", call("c-2", 90, "outbound", now.minusSeconds(100))),
                0,
                1);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/phone-numbers/" + number)
                                .data()
                                .path("usage")
                                .path("calls")
                                .asLong())
                        .isEqualTo(2));
        Api.Response read = alice.get("/api/phone-numbers/" + number);
        assertThat(read.header("ETag")).isEqualTo(etag);
        assertThat(read.data().path("usage").path("seconds").asLong()).isEqualTo(150);
        assertThat(read.data().path("usage").path("minutes").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(Instant.parse(read.data().path("last_used").asText())).isEqualTo(now.minusSeconds(100));
        Api.Response calls = alice.get("/api/phone-numbers/" + number + "/calls?limit=1");
        assertThat(calls.data().findValuesAsText("call_id")).containsExactly("c-2");
        assertThat(calls.data().get(0).path("direction").asText()).isEqualTo("outbound");
        assertThat(alice.get("/api/phone-numbers/" + number + "/calls?cursor="
                                + calls.json().path("meta").path("next_cursor").asText())
                        .data()
                        .findValuesAsText("call_id"))
                .containsExactly("c-1");
        assertThat(types(alice.get("/api/phone-numbers/" + number + "/history").data()))
                .containsExactly("PhoneNumberCreated");
    }

    private JsonNode awaitTotalCalls(String tool, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + tool)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(expected));
        return alice.get("/api/tools/" + tool).data();
    }

    private static void assertRecorded(Api.Response response, int recorded, int duplicates) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.data().path("recorded").asInt())
                .as(response.toString())
                .isEqualTo(recorded);
        assertThat(response.data().path("duplicates").asInt())
                .as(response.toString())
                .isEqualTo(duplicates);
    }

    private String newTool() {
        return alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/weather"))
                .data()
                .path("id")
                .asText();
    }

    private String newNumber() {
        return alice.post(
                        "/api/phone-numbers",
                        Map.of(
                                "phone_number",
                                "+49 30 " + ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000)))
                .data()
                .path("id")
                .asText();
    }

    private Map<String, Object> execution(String id, long durationMs, boolean success, int statusCode, Instant at) {
        Map<String, Object> execution = new HashMap<>(Map.of(
                "duration_ms",
                durationMs,
                "success",
                success,
                "status_code",
                statusCode,
                "assistant_id",
                assistant,
                "occurred_at",
                at.toString()));
        if (id != null) {
            execution.put("execution_id", id);
        }
        return execution;
    }

    private Map<String, Object> call(String id, long seconds, String direction, Instant at) {
        return Map.of(
                "call_id",
                id,
                "call_seconds",
                seconds,
                "direction",
                direction,
                "assistant_id",
                assistant,
                "occurred_at",
                at.toString());
    }

    private static String encode(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    /** The types of a history's entries, oldest first (their changes may hold fields named type too). */
    private static java.util.List<String> types(JsonNode history) {
        java.util.List<String> types = new java.util.ArrayList<>();
        history.forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }
}
