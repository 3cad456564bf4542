package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two users played against each other on every route: whatever Bob tries with Alice's ids, the answer
 * is {@code 404} (never {@code 403}, which would tell him the id exists), and Alice's data stays as it was.
 */
class CrossTenantIT extends PlatformIT {

    private Api alice;
    private Api bob;
    private String assistant;
    private String tool;
    private String phoneNumber;

    @BeforeEach
    void aliceSetsUpACustomerServiceAssistant() {
        alice = api().as(api().signUp());
        bob = api().as(api().signUp());
        tool = AssistantToolsIT.tool(alice, "Calendar");
        assistant =
                created(alice.post("/api/assistants", Map.of("name", "Customer service", "tool_ids", List.of(tool))));
        phoneNumber = created(alice.post(
                "/api/phone-numbers", Map.of("phone_number", uniqueGermanNumber(), "assistant_id", assistant)));
    }

    @Test
    void bobCanReadNothingOfAlices() {
        for (String path : List.of(
                "/api/assistants/" + assistant,
                "/api/assistants/" + assistant + "/tools",
                "/api/tools/" + tool,
                "/api/phone-numbers/" + phoneNumber)) {
            assertNotFound(bob.get(path), path);
        }
        for (String list : List.of(
                "/api/assistants",
                "/api/tools",
                "/api/phone-numbers",
                "/api/phone-numbers?assistant_id=" + assistant)) {
            Api.Response response = bob.get(list);
            assertThat(response.data()).as(list).isEmpty();
            assertThat(response.json().path("meta").path("total").asLong())
                    .as(list)
                    .isZero();
        }
    }

    @Test
    void bobCanChangeNothingOfAlices() {
        Map<String, Object> rename = Map.of("name", "Bob's now");
        assertNotFound(bob.put("/api/assistants/" + assistant, rename), "PUT assistant");
        assertNotFound(bob.patch("/api/assistants/" + assistant, rename), "PATCH assistant");
        assertNotFound(bob.withHeader("If-Match", "\"2\"").delete("/api/assistants/" + assistant), "DELETE assistant");
        assertNotFound(
                bob.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(tool))), "assign");
        assertNotFound(bob.delete("/api/assistants/" + assistant + "/tools?tool_id=" + tool), "unassign");
        assertNotFound(bob.put("/api/tools/" + tool, rename), "PUT tool");
        assertNotFound(bob.patch("/api/tools/" + tool, rename), "PATCH tool");
        assertNotFound(bob.delete("/api/tools/" + tool), "DELETE tool");
        assertNotFound(
                bob.patch("/api/phone-numbers/" + phoneNumber, Map.of("friendly_name", "Bob's line")), "PATCH number");
        assertNotFound(bob.delete("/api/phone-numbers/" + phoneNumber), "DELETE number");

        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(2);
        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("tools")
                        .findValuesAsText("id"))
                .containsExactly(tool);
        assertThat(alice.get("/api/tools/" + tool).data().path("revision").asLong())
                .isEqualTo(1);
        assertThat(alice.get("/api/phone-numbers/" + phoneNumber)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void bobCannotPointHisOwnThingsAtAlices() {
        String bobsAssistant = created(bob.post("/api/assistants", Map.of("name", "Bob's")));

        assertNotFound(
                bob.post("/api/assistants", Map.of("name", "x", "tool_ids", List.of(tool))), "create with her tool");
        assertNotFound(
                bob.post("/api/assistants/" + bobsAssistant + "/tools", Map.of("tool_ids", List.of(tool))),
                "assign her tool");
        assertNotFound(
                bob.post("/api/phone-numbers", Map.of("phone_number", uniqueGermanNumber(), "assistant_id", assistant)),
                "number to her assistant");

        assertThat(alice.get("/api/tools/" + tool).data().path("used_by").findValuesAsText("id"))
                .containsExactly(assistant);
    }

    private static void assertNotFound(Api.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(404);
        assertThat(response.error().path("code").asText()).isEqualTo("not_found");
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode data = response.data();
        return data.path("id").asText();
    }

    /** A valid Berlin number no other test uses. */
    private static String uniqueGermanNumber() {
        return "+4930" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }
}
