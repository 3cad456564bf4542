package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/assistants/{id}/clone}, as API.md promises it: a new draft assistant from the current draft or a
 * published version, with its tools and files, whose history starts with where it came from.
 */
class AssistantCloneIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void aCloneOfTheDraftIsANewDraftWithTheSameFieldsToolsAndFiles() {
        String calendar = AssistantToolsIT.tool(alice, "Calendar");
        String prices = file("prices.txt");
        Api.Response source = alice.post(
                "/api/assistants",
                Map.of("name", "Front desk", "temperature", 0.4, "status", "deployed", "tool_ids", List.of(calendar)));
        String sourceId = source.data().path("id").asText();
        assertThat(alice.post("/api/assistants/" + sourceId + "/files", Map.of("file_ids", List.of(prices)))
                        .status())
                .isEqualTo(200);
        Api.Response configured = alice.put(
                "/api/assistants/" + sourceId + "/files",
                Map.of("file_id", prices, "config", Map.of("priority", "high")));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);

        Api.Response clone = alice.post("/api/assistants/" + sourceId + "/clone", Map.of());

        assertThat(clone.status()).as(clone.toString()).isEqualTo(201);
        String cloneId = clone.data().path("id").asText();
        assertThat(cloneId).isNotEqualTo(sourceId);
        assertThat(clone.header("Location")).isEqualTo("/api/assistants/" + cloneId);
        assertThat(clone.header("ETag")).isEqualTo("\"4\"");
        assertThat(clone.data().path("name").asText()).isEqualTo("Front desk (copy)");
        assertThat(clone.data().path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(clone.data().path("status").asText()).isEqualTo("draft");
        assertThat(clone.data().path("tools").findValuesAsText("id")).containsExactly(calendar);
        assertThat(clone.data().path("files").get(0).path("id").asText()).isEqualTo(prices);
        assertThat(clone.data().path("files").get(0).path("assignment"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("priority", "high")));
        assertThat(alice.get("/api/assistants/" + cloneId).data()).isEqualTo(clone.data());
        assertThat(alice.get("/api/assistants/" + sourceId)
                        .data()
                        .path("revision")
                        .asLong())
                .as("the source is only read")
                .isEqualTo(4);

        Api.Response history = alice.get("/api/assistants/" + cloneId + "/history");
        JsonNode first = history.data().get(0);
        assertThat(first.path("type").asText()).isEqualTo("AssistantCreated");
        JsonNode origin = first.path("changes").path("cloned_from").path("to");
        assertThat(origin.path("assistant_id").asText()).isEqualTo(sourceId);
        assertThat(origin.path("version").isNull())
                .as("the draft, not a version")
                .isTrue();
        assertThat(origin.path("revision").asLong()).isEqualTo(4);
    }

    @Test
    void aCloneOfAPublishedVersionTakesThatVersionUnderTheNameAskedFor() {
        String sourceId = alice.post("/api/assistants", Map.of("name", "Front desk", "first_message", "Hello"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.post("/api/assistants/" + sourceId + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        alice.patch("/api/assistants/" + sourceId, Map.of("first_message", "Edited after version 1"));

        Api.Response clone =
                alice.post("/api/assistants/" + sourceId + "/clone", Map.of("name", "Night line", "version", 1));

        assertThat(clone.status()).as(clone.toString()).isEqualTo(201);
        assertThat(clone.data().path("name").asText()).isEqualTo("Night line");
        assertThat(clone.data().path("first_message").asText()).isEqualTo("Hello");
        assertThat(clone.data().path("status").asText()).isEqualTo("draft");
        assertThat(clone.data().path("revision").asLong()).isEqualTo(1);
        JsonNode origin = alice.get("/api/assistants/" + clone.data().path("id").asText() + "/history")
                .data()
                .get(0)
                .path("changes")
                .path("cloned_from")
                .path("to");
        assertThat(origin.path("assistant_id").asText()).isEqualTo(sourceId);
        assertThat(origin.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsAssistantAndAnUnknownVersionAre404() {
        Api bob = api().as(api().signUp());
        String sourceId = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();

        Api.Response stranger = bob.post("/api/assistants/" + sourceId + "/clone", Map.of());
        Api.Response noVersion = alice.post("/api/assistants/" + sourceId + "/clone", Map.of("version", 3));
        Api.Response unknown = alice.post("/api/assistants/0190f2c4-0000-7000-8000-000000000404/clone", Map.of());

        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
        assertThat(stranger.error().path("code").asText()).isEqualTo("not_found");
        assertThat(noVersion.status()).as(noVersion.toString()).isEqualTo(404);
        assertThat(noVersion.error().path("message").asText()).contains("Version '3'");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(bob.get("/api/assistants").data()).isEmpty();
    }

    @Test
    void theBodyIsValidatedAsACreateIsNamingEveryBadField() {
        String sourceId = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();

        Api.Response refused = alice.post(
                "/api/assistants/" + sourceId + "/clone", Map.of("name", " ", "version", 0, "temperature", 1.0));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.error().path("details").findValuesAsText("field"))
                .containsExactly("name", "temperature", "version");
        assertThat(alice.post("/api/assistants/" + sourceId + "/clone", Map.of("name", "x".repeat(201)))
                        .status())
                .isEqualTo(400);
        assertThat(alice.get("/api/assistants").data()).hasSize(1);
    }

    private String file(String name) {
        Api.Response uploaded =
                alice.upload("/api/files", Map.of(), name, ("Inhalt von " + name).getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(201, 202);
        return uploaded.data().path("id").asText();
    }
}
