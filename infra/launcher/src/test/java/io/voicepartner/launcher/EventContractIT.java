package io.voicepartner.launcher;

import static io.voicepartner.launcher.HostileInputIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.messaging.EventLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event contract at the edge (ADR 0019): each request whose event some consumer could never take is
 * refused with a {@code 4xx} naming the field, nothing is recorded, and the caller's next write answers as
 * before. The hostile shapes are the ones issue 15 found: too deep, NUL, half a surrogate pair, a number
 * that overflows, longer than a read-model column, a time outside PostgreSQL's range, and events larger
 * than a Kafka record.
 */
class EventContractIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void capabilitiesNested998LevelsDeepAreRefusedNamingTheField() {
        String deep = "{\"name\": \"deep\", \"capabilities\": " + "{\"a\": ".repeat(997) + "{}" + "}".repeat(997) + "}";

        Api.Response refused = alice.send("POST", "/api/assistants", deep, "application/json");

        assertError(refused, 400, "validation_failed");
        assertThat(fields(refused))
                .singleElement()
                .asString()
                .startsWith("capabilities.a.a.")
                .hasSize("capabilities".length() + 2 * EventLimits.MAX_DEPTH);
        assertThat(refused.error().path("details").get(0).path("message").asText())
                .contains("deeper than 32");
        assertNothingRecordedAndWritesGoOn();
    }

    @Test
    void depthUpToTheLimitIsAccepted() {
        String atLimit = "{\"name\": \"deep\", \"capabilities\": " + "{\"a\": ".repeat(EventLimits.MAX_DEPTH - 1) + "{}"
                + "}".repeat(EventLimits.MAX_DEPTH - 1) + "}";

        Api.Response created = alice.send("POST", "/api/assistants", atLimit, "application/json");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.data().path("capabilities").path("a").path("a").isObject())
                .isTrue();
    }

    @Test
    void nulAndHalfSurrogatePairsAreRefusedWhereverTheyAre() {
        String toolId = alice.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://tools.example.com/c"))
                .data()
                .path("id")
                .asText();
        List<Object[]> cases = List.of(
                new Object[] {"/api/assistants", "{\"name\": \"a\\u0000b\"}", "name"},
                new Object[] {
                    "/api/assistants",
                    "{\"name\": \"x\", \"capabilities\": {\"notes\": [\"ok\", \"\\ud800\"]}}",
                    "capabilities.notes[1]"
                },
                new Object[] {
                    "/api/assistants",
                    "{\"name\": \"x\", \"capabilities\": {\"voice\": {\"k\\u0000\": 1}}}",
                    "capabilities.voice"
                },
                new Object[] {
                    "/api/assistants", "{\"name\": \"x\", \"system_prompt\": \"\\udc00 alone\"}", "system_prompt"
                },
                new Object[] {
                    "/api/tools",
                    "{\"name\": \"t\", \"endpoint\": \"https://x.example.com\", "
                            + "\"headers\": {\"X-Trace\": \"a\\u0000\"}}",
                    "headers.X-Trace"
                },
                new Object[] {
                    "/api/phone-numbers",
                    "{\"phone_number\": \"+4930" + eightDigits() + "\", "
                            + "\"configuration\": {\"greeting\": \"\\u0000\"}}",
                    "configuration.greeting"
                },
                new Object[] {
                    "/api/users",
                    "{\"email\": \"nul@example.com\", \"password\": \"correct horse\", " + "\"name\": \"\\u0000\"}",
                    "name"
                });

        for (Object[] c : cases) {
            Api.Response refused =
                    (c[0].equals("/api/users") ? api() : alice).send("POST", (String) c[0], c[1], "application/json");
            assertError(refused, 400, "validation_failed");
            assertThat(fields(refused)).as((String) c[1]).contains((String) c[2]);
        }
        Api.Response config = alice.send(
                "PATCH",
                "/api/tools/" + toolId,
                "{\"parameters\": {\"type\": \"object\", \"description\": \"\\ud83d\"}}",
                "application/json");
        assertError(config, 400, "validation_failed");
        assertThat(fields(config)).containsExactly("parameters.description");
        Api.Response description = alice.upload(
                "/api/files",
                Map.of("description", "a\u0000b"),
                "notes.txt",
                "Some notes.".getBytes(StandardCharsets.UTF_8));
        assertError(description, 400, "validation_failed");
        assertThat(fields(description)).containsExactly("description");
        assertThat(alice.get("/api/phone-numbers").data()).isEmpty();
        assertThat(alice.get("/api/files").data()).isEmpty();
        assertNothingRecordedAndWritesGoOn();
    }

    @Test
    void numbersThatOverflowAreRefused() {
        Api.Response infinite = alice.send(
                "POST",
                "/api/assistants",
                "{\"name\": \"x\", \"capabilities\": {\"limit\": 1e400}}",
                "application/json");
        Api.Response huge = alice.send(
                "POST",
                "/api/assistants",
                "{\"name\": \"x\", \"capabilities\": {\"limit\": 123456789012345678901234567890}}",
                "application/json");
        Api.Response temperature =
                alice.send("POST", "/api/assistants", "{\"name\": \"x\", \"temperature\": 1e400}", "application/json");

        for (Api.Response refused : List.of(infinite, huge)) {
            assertError(refused, 400, "validation_failed");
            assertThat(fields(refused)).containsExactly("capabilities.limit");
        }
        assertError(temperature, 400, "validation_failed");
        assertThat(fields(temperature)).containsExactly("temperature");
        assertNothingRecordedAndWritesGoOn();
    }

    @Test
    void stringsLongerThanTheirReadModelColumnAreRefused() {
        String longTag = "de-DE" + "-abcdefgh".repeat(10);
        Api.Response language = alice.post("/api/assistants", Map.of("name", "x", "language", longTag));
        Api.Response fallback = alice.post("/api/assistants", Map.of("name", "x", "fallback_language", longTag));
        Api.Response region = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+4930" + eightDigits(), "region", "r".repeat(EventLimits.REGION + 1)));

        assertError(language, 400, "validation_failed");
        assertThat(fields(language)).contains("language");
        assertError(fallback, 400, "validation_failed");
        assertThat(fields(fallback)).contains("fallback_language");
        assertError(region, 400, "validation_failed");
        assertThat(fields(region)).containsExactly("region");
        assertNothingRecordedAndWritesGoOn();
    }

    @Test
    void aVersionLargerThanAKafkaRecordIsRefusedNamingItsTools() {
        Map<String, Object> largeSchema = Map.of("type", "object", "description", "d".repeat(300_000));
        List<String> tools = IntStream.range(0, 2)
                .mapToObj(i -> alice.post(
                        "/api/tools",
                        Map.of(
                                "name",
                                "Large " + i,
                                "endpoint",
                                "https://tools.example.com/" + i,
                                "parameters",
                                largeSchema)))
                .map(created -> {
                    assertThat(created.status()).as(created.toString()).isEqualTo(201);
                    return created.data().path("id").asText();
                })
                .toList();
        String assistant = alice.post("/api/assistants", Map.of("name", "Large version", "tool_ids", tools))
                .data()
                .path("id")
                .asText();
        long revision = alice.get("/api/assistants/" + assistant)
                .data()
                .path("revision")
                .asLong();

        Api.Response published = alice.post("/api/assistants/" + assistant + "/versions", Map.of());

        assertError(published, 413, "payload_too_large");
        assertThat(published.error().path("message").asText()).contains("AssistantVersionPublished", "524288");
        assertThat(fields(published)).first().isEqualTo("configuration.tools");
        assertThat(fields(published)).contains("configuration.tools[0]", "configuration.tools[1]");
        assertThat(alice.get("/api/assistants/" + assistant + "/versions").data())
                .isEmpty();
        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(revision);
        assertNothingRecordedAndWritesGoOn();
    }

    @Test
    void mergePatchesThatGrowAConfigurationPastTheLimitAreRefused() {
        String assistant = alice.post("/api/assistants", Map.of("name", "Growing"))
                .data()
                .path("id")
                .asText();
        Api.Response first = alice.patch(
                "/api/assistants/" + assistant, Map.of("capabilities", Map.of("first", "f".repeat(300_000))));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Api.Response second = alice.patch(
                "/api/assistants/" + assistant, Map.of("capabilities", Map.of("second", "s".repeat(300_000))));

        assertError(second, 413, "payload_too_large");
        assertThat(fields(second)).first().isEqualTo("configuration.capabilities");
        assertThat(fields(second)).contains("configuration.capabilities.first", "configuration.capabilities.second");
        JsonNode current = alice.get("/api/assistants/" + assistant).data();
        assertThat(current.path("revision").asLong()).isEqualTo(2);
        assertThat(current.path("capabilities").has("second")).isFalse();
        assertNothingRecordedAndWritesGoOn();
    }

    /** The caller's refused writes left no trace, and the next one is answered {@code 201} with its read-back. */
    private void assertNothingRecordedAndWritesGoOn() {
        Api.Response next = alice.post("/api/assistants", Map.of("name", "Next"));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        String id = next.data().path("id").asText();
        assertThat(alice.get("/api/assistants/" + id).data().path("name").asText())
                .isEqualTo("Next");
        assertThat(alice.get("/api/assistants").data().findValuesAsText("name")).doesNotContain("x", "deep");
    }

    private static List<String> fields(Api.Response response) {
        return response.error().path("details").findValuesAsText("field");
    }

    private static String eightDigits() {
        return Long.toString(10_000_000 + (long) (Math.random() * 89_999_999L));
    }
}
