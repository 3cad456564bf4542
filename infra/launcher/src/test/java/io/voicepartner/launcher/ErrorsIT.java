package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx in the error envelope naming what is wrong, and changes nothing. */
class ErrorsIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        Api.Response response = alice.post(
                "/api/assistants",
                Map.of(
                        "name", "",
                        "temperature", 2.5,
                        "max_tokens", "many",
                        "voice_speed", 9,
                        "language", "german!",
                        "status", "live",
                        "capabilities", "all",
                        "revision", 7,
                        "colour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "name",
                        "temperature",
                        "max_tokens",
                        "voice_speed",
                        "language",
                        "status",
                        "capabilities",
                        "revision",
                        "colour");
        assertThat(alice.get("/api/assistants").data()).isEmpty();
    }

    @Test
    void aNameIsRequiredAndCannotBeCleared() {
        Api.Response missing = alice.post("/api/assistants", Map.of("description", "no name"));
        String id = alice.post("/api/assistants", Map.of("name", "Named"))
                .data()
                .path("id")
                .asText();
        Api.Response cleared = alice.send("PATCH", "/api/assistants/" + id, "{\"name\": null}", "application/json");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().path("details").get(0).path("field").asText())
                .isEqualTo("name");
        assertThat(cleared.status()).isEqualTo(400);
        assertThat(alice.get("/api/assistants/" + id).data().path("name").asText())
                .isEqualTo("Named");
    }

    @Test
    void relationsAndServerOwnedFieldsAreNotWritableThroughAnUpdate() {
        String id = alice.post("/api/assistants", Map.of("name", "Named"))
                .data()
                .path("id")
                .asText();

        Api.Response response = alice.put(
                "/api/assistants/" + id, Map.of("tool_ids", List.of("t1"), "updated_at", "2026-01-01T00:00:00.000Z"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("tool_ids", "updated_at");
        assertThat(alice.get("/api/assistants/" + id).data().path("revision").asLong())
                .isEqualTo(1);
    }

    @Test
    void aToolIdThatIsNotTheCallersIsNotFound() {
        Api.Response response =
                alice.post("/api/assistants", Map.of("name", "With tools", "tool_ids", List.of("t-404")));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error().path("message").asText()).contains("t-404");
    }

    @Test
    void malformedBodiesMediaTypesMethodsAndRoutesAreAnsweredInTheEnvelope() {
        assertError(alice.send("POST", "/api/assistants", "{\"name\": ", "application/json"), 400, "malformed_json");
        assertError(alice.send("POST", "/api/assistants", "[1, 2]", "application/json"), 400, "malformed_json");
        assertError(alice.send("POST", "/api/assistants", "", "application/json"), 400, "malformed_json");
        assertError(alice.send("POST", "/api/assistants", "name=x", "text/plain"), 415, "unsupported_media_type");
        assertError(alice.send("PATCH", "/api/assistants", "{}", "application/json"), 405, "method_not_allowed");
        assertError(alice.get("/api/nothing-here"), 404, "not_found");
        assertError(alice.get("/api/assistants/not-an-id"), 404, "not_found");
        assertError(
                alice.put("/api/assistants/01a20c2a-54ac-7454-b108-b8670c44e6bd", Map.of("name", "x")),
                404,
                "not_found");
        assertError(
                alice.withHeader("If-Match", "yesterday")
                        .put("/api/assistants/01a20c2a-54ac-7454-b108-b8670c44e6bd", Map.of("name", "x")),
                400,
                "validation_failed");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String huge = "{\"name\": \"big\", \"system_prompt\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Api.Response response = alice.send("POST", "/api/assistants", huge, "application/json");

        assertError(response, 413, "payload_too_large");
        assertThat(alice.get("/api/assistants").data()).isEmpty();
    }

    private static void assertError(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.error().path("code").asText()).isEqualTo(code);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
