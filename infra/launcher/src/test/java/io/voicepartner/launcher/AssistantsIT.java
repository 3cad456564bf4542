package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/assistants} as API.md specifies it, driven over HTTP like the frontend drives it. */
class AssistantsIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void createAnswersTheAssistantAsTheNextReadShowsIt() {
        Api.Response created = alice.post(
                "/api/assistants/",
                Map.of(
                        "name",
                        "Front desk",
                        "temperature",
                        0.7,
                        "capabilities",
                        Map.of("transfer", Map.of("enabled", true))));

        assertThat(created.status()).isEqualTo(201);
        String id = created.data().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/assistants/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.data().path("revision").asLong()).isEqualTo(1);
        assertThat(created.data().path("status").asText()).isEqualTo("draft");
        assertThat(created.data().path("is_active").asBoolean()).isTrue();
        assertThat(created.data().path("language").asText()).isEqualTo("de-DE");
        assertThat(created.data().path("tools").isArray()).isTrue();
        assertThat(created.data().path("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Api.Response read = alice.get("/api/assistants/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.data()).isEqualTo(created.data());
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndMergesCapabilities() {
        String id = create(Map.of(
                "name",
                "Support",
                "description",
                "first line",
                "temperature",
                0.2,
                "capabilities",
                Map.of("transfer", Map.of("enabled", true, "number", "+4930123"), "sms", false)));

        Api.Response updated = alice.patch(
                "/api/assistants/" + id,
                Map.of("temperature", 1.1, "capabilities", Map.of("transfer", Map.of("enabled", false))));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        JsonNode assistant = updated.data();
        assertThat(assistant.path("revision").asLong()).isEqualTo(2);
        assertThat(assistant.path("name").asText()).isEqualTo("Support");
        assertThat(assistant.path("description").asText()).isEqualTo("first line");
        assertThat(assistant.path("temperature").asDouble()).isEqualTo(1.1);
        assertThat(assistant.path("capabilities"))
                .isEqualTo(Api.JSON.valueToTree(
                        Map.of("transfer", Map.of("enabled", false, "number", "+4930123"), "sms", false)));
        assertThat(alice.get("/api/assistants/" + id).data()).isEqualTo(assistant);
    }

    @Test
    void nullClearsAFieldAndAKeyOfCapabilities() {
        String id = create(Map.of(
                "name", "Support", "description", "to be cleared", "capabilities", Map.of("sms", true, "email", true)));
        HashMap<String, Object> capabilities = new HashMap<>();
        capabilities.put("sms", null);
        HashMap<String, Object> patch = new HashMap<>();
        patch.put("description", null);
        patch.put("capabilities", capabilities);

        JsonNode assistant = alice.put("/api/assistants/" + id, patch).data();

        assertThat(assistant.path("description").isNull()).isTrue();
        assertThat(assistant.path("capabilities")).isEqualTo(Api.JSON.valueToTree(Map.of("email", true)));
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheRevision() {
        String id = create(Map.of("name", "Same"));

        Api.Response updated = alice.put("/api/assistants/" + id, Map.of("name", "Same"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String id = create(Map.of("name", "Guarded"));
        assertThat(alice.withHeader("If-Match", "\"1\"")
                        .put("/api/assistants/" + id, Map.of("name", "First"))
                        .status())
                .isEqualTo(200);

        Api.Response stale =
                alice.withHeader("If-Match", "\"1\"").put("/api/assistants/" + id, Map.of("name", "Second"));
        Api.Response future =
                alice.withHeader("If-Match", "\"9\"").put("/api/assistants/" + id, Map.of("name", "Third"));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.error().path("code").asText()).isEqualTo("revision_mismatch");
        assertThat(future.status()).isEqualTo(412);
        assertThat(alice.withHeader("If-Match", "\"0\"")
                        .put("/api/assistants/" + id, Map.of("name", "Fourth"))
                        .status())
                .as(
                        "a well-formed tag that matches nothing is a precondition that failed (RFC 9110), not a bad request")
                .isEqualTo(412);
        assertThat(alice.get("/api/assistants/" + id).data().path("name").asText())
                .isEqualTo("First");
        assertThat(alice.withHeader("If-Match", "\"2\"")
                        .delete("/api/assistants/" + id)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deleteMakesTheAssistantGoneForEveryRoute() {
        String id = create(Map.of("name", "Short-lived"));

        Api.Response deleted = alice.delete("/api/assistants/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(alice.get("/api/assistants/" + id).status()).isEqualTo(404);
        assertThat(alice.put("/api/assistants/" + id, Map.of("name", "Back")).status())
                .isEqualTo(404);
        assertThat(alice.delete("/api/assistants/" + id).status()).isEqualTo(404);
        assertThat(alice.get("/api/assistants").data().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void listsNewestFirstPageByPageWithACursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(Map.of("name", "Agent " + i)));
        }

        Api.Response first = alice.get("/api/assistants?limit=2");
        Api.Response second = alice.get("/api/assistants/?limit=2&cursor="
                + first.json().path("meta").path("next_cursor").asText());
        Api.Response last = alice.get("/api/assistants?limit=2&cursor="
                + second.json().path("meta").path("next_cursor").asText());

        assertThat(first.json().path("meta").path("total").asLong()).isEqualTo(5);
        assertThat(first.json().path("meta").path("limit").asInt()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        for (Api.Response page : List.of(first, second, last)) {
            page.data().forEach(assistant -> listed.add(assistant.path("id").asText()));
        }
        Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(last.json().path("meta").path("next_cursor").isNull()).isTrue();
    }

    @Test
    void listsFilterByStatusActivityAndName() {
        create(Map.of("name", "Booking Agent", "status", "deployed"));
        create(Map.of("name", "booking helper", "is_active", false));
        create(Map.of("name", "Receptionist"));

        assertThat(names("/api/assistants?status=deployed")).containsExactly("Booking Agent");
        assertThat(names("/api/assistants?is_active=false")).containsExactly("booking helper");
        assertThat(names("/api/assistants?q=BOOKING")).containsExactlyInAnyOrder("Booking Agent", "booking helper");
        assertThat(names("/api/assistants?q=100%25")).isEmpty();
    }

    @Test
    void refusesInvalidListParametersNamingEachOne() {
        Api.Response response = alice.get("/api/assistants?limit=0&status=live&is_active=maybe&cursor=nonsense");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("limit", "status", "is_active", "cursor");
    }

    private String create(Map<String, Object> assistant) {
        Api.Response created = alice.post("/api/assistants", assistant);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private List<String> names(String path) {
        Api.Response response = alice.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().findValuesAsText("name");
    }
}
