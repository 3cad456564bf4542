package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An assistant's tools: assigned on create or later, listed with the assistant, gone with the tool. */
class AssistantToolsIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void anAssistantCreatedWithToolsShowsThemAtOnce() {
        String calendar = tool(alice, "Calendar");
        String crm = tool(alice, "CRM lookup");

        Api.Response created =
                alice.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(calendar, crm)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.data().path("revision").asLong()).isEqualTo(2);
        assertThat(created.data().path("tools").findValuesAsText("id")).containsExactly(calendar, crm);
        JsonNode firstTool = created.data().path("tools").get(0);
        assertThat(firstTool.path("name").asText()).isEqualTo("Calendar");
        assertThat(firstTool.path("endpoint").asText()).isEqualTo("https://tools.example.com/calendar");
        assertThat(firstTool.path("method").asText()).isEqualTo("POST");
        assertThat(alice.get("/api/assistants/" + created.data().path("id").asText())
                        .data())
                .isEqualTo(created.data());
    }

    @Test
    void toolsAreAssignedAndUnassignedThroughTheirOwnRoutes() {
        String calendar = tool(alice, "Calendar");
        String crm = tool(alice, "CRM lookup");
        String id = assistant(alice, "Support");

        Api.Response assigned =
                alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of(calendar, crm)));
        Api.Response again = alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of(crm)));
        Api.Response listed = alice.get("/api/assistants/" + id + "/tools");

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.data().path("tools").findValuesAsText("id")).containsExactly(calendar, crm);
        assertThat(again.data().path("revision").asLong())
                .isEqualTo(assigned.data().path("revision").asLong());
        assertThat(listed.data().findValuesAsText("id")).containsExactly(calendar, crm);

        Api.Response unassigned = alice.delete("/api/assistants/" + id + "/tools?tool_id=" + calendar);

        assertThat(unassigned.status()).isEqualTo(200);
        assertThat(unassigned.data().path("tools").findValuesAsText("id")).containsExactly(crm);
        assertThat(alice.delete("/api/assistants/" + id + "/tools?tool_id=" + calendar)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDeletedToolLeavesEveryAssistantThatUsedIt() {
        String calendar = tool(alice, "Calendar");
        String first = alice.post("/api/assistants", Map.of("name", "First", "tool_ids", List.of(calendar)))
                .data()
                .path("id")
                .asText();
        String second = alice.post("/api/assistants", Map.of("name", "Second", "tool_ids", List.of(calendar)))
                .data()
                .path("id")
                .asText();

        assertThat(alice.delete("/api/tools/" + calendar).status()).isEqualTo(200);

        assertThat(alice.get("/api/assistants/" + first).data().path("tools")).isEmpty();
        // the unassignments are recorded as events on each assistant, by the clean-up process
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(alice.get("/api/assistants/" + first)
                            .data()
                            .path("revision")
                            .asLong())
                    .isEqualTo(3);
            assertThat(alice.get("/api/assistants/" + second)
                            .data()
                            .path("revision")
                            .asLong())
                    .isEqualTo(3);
        });
        assertThat(alice.post("/api/assistants/" + first + "/tools", Map.of("tool_ids", List.of(calendar)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyTheCallersOwnToolsCanBeAssignedAndTheRefusalNamesTheId() {
        Api bob = api().as(api().signUp());
        String bobsTool = tool(bob, "Bob's tool");
        String id = assistant(alice, "Support");

        Api.Response onCreate = alice.post("/api/assistants", Map.of("name", "x", "tool_ids", List.of(bobsTool)));
        Api.Response onAssign = alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of(bobsTool)));
        Api.Response unknown =
                alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of("no-such-tool")));

        for (Api.Response refused : List.of(onCreate, onAssign)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.error().path("message").asText()).contains(bobsTool);
        }
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().path("message").asText()).contains("no-such-tool");
        assertThat(alice.get("/api/assistants/" + id + "/tools").data()).isEmpty();
        assertThat(bob.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of(bobsTool)))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/assistants/" + id + "/tools").status()).isEqualTo(404);
    }

    @Test
    void anAssignmentNamesEveryInvalidField() {
        String id = assistant(alice, "Support");

        assertThat(alice.post("/api/assistants/" + id + "/tools", Map.of())
                        .error()
                        .path("details")
                        .findValuesAsText("field"))
                .containsExactly("tool_ids");
        assertThat(alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of()))
                        .status())
                .isEqualTo(400);
        assertThat(alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", "t1"))
                        .status())
                .isEqualTo(400);
        assertThat(alice.delete("/api/assistants/" + id + "/tools").status()).isEqualTo(400);
    }

    @Test
    void aListEmbedsEveryAssistantsToolsInOneStatement() {
        String calendar = tool(alice, "Calendar");
        for (int i = 0; i < 5; i++) {
            alice.post("/api/assistants", Map.of("name", "Agent " + i, "tool_ids", List.of(calendar)));
        }
        try (StatementLog.Recording statements = StatementLog.record()) {
            Api.Response list = alice.get("/api/assistants?limit=5");

            assertThat(list.data()).hasSize(5);
            list.data()
                    .forEach(assistant -> assertThat(assistant.path("tools").findValuesAsText("id"))
                            .containsExactly(calendar));
            assertThat(statements.matching("query.assistant_tools")).hasSize(1);
        }
    }

    @Test
    void aListShowsEachAssistantsLiveToolsInTheOrderTheyWereAssigned() {
        String calendar = tool(alice, "Calendar");
        String crm = tool(alice, "CRM lookup");
        String weather = tool(alice, "Weather");
        String first = alice.post(
                        "/api/assistants", Map.of("name", "First", "tool_ids", List.of(weather, crm, calendar)))
                .data()
                .path("id")
                .asText();
        String second = alice.post("/api/assistants", Map.of("name", "Second", "tool_ids", List.of(crm)))
                .data()
                .path("id")
                .asText();
        alice.post("/api/assistants/" + second + "/tools", Map.of("tool_ids", List.of(weather, calendar)));
        assertThat(alice.delete("/api/tools/" + weather).status()).isEqualTo(200);

        Api.Response list = alice.get("/api/assistants?limit=5");

        // newest first; a deleted tool is gone from the list at once, before its clean-up unassigns it
        assertThat(list.data()).hasSize(2);
        assertThat(list.data().get(0).path("id").asText()).isEqualTo(second);
        assertThat(list.data().get(1).path("id").asText()).isEqualTo(first);
        assertThat(list.data().get(0).path("tools").findValuesAsText("id")).containsExactly(crm, calendar);
        assertThat(list.data().get(1).path("tools").findValuesAsText("id")).containsExactly(crm, calendar);
        assertThat(list.data().get(1).path("tools").get(0).path("name").asText())
                .isEqualTo("CRM lookup");
    }

    static String tool(Api user, String name) {
        Api.Response created = user.post(
                "/api/tools",
                Map.of(
                        "name",
                        name,
                        "endpoint",
                        "https://tools.example.com/" + name.split(" ")[0].toLowerCase(Locale.ROOT)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private static String assistant(Api user, String name) {
        return user.post("/api/assistants", Map.of("name", name))
                .data()
                .path("id")
                .asText();
    }
}
