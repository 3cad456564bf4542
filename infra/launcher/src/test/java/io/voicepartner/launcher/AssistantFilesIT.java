package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An assistant's knowledge files: assigned on create or later, configured one by one, gone with the file. */
class AssistantFilesIT extends PlatformIT {

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void anAssistantCreatedWithToolsAndFilesShowsThemAtOnce() {
        String calendar = AssistantToolsIT.tool(alice, "Calendar");
        String prices = file(alice, "Preise.txt");
        String hours = file(alice, "Öffnungszeiten.txt");

        Api.Response created = alice.post(
                "/api/assistants",
                Map.of("name", "Front desk", "tool_ids", List.of(calendar), "file_ids", List.of(prices, hours)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.data().path("revision").asLong()).isEqualTo(3);
        assertThat(created.data().path("tools").findValuesAsText("id")).containsExactly(calendar);
        assertThat(created.data().path("files").findValuesAsText("id")).containsExactly(prices, hours);
        JsonNode first = created.data().path("files").get(0);
        assertThat(first.path("filename").asText()).isEqualTo(prices + ".txt");
        assertThat(first.path("status").asText()).isIn("uploading", "processed");
        assertThat(first.path("assignment")).isEqualTo(Api.JSON.valueToTree(Map.of()));
        assertThat(alice.get("/api/assistants/" + created.data().path("id").asText())
                        .data())
                .isEqualTo(created.data());
    }

    @Test
    void filesAreAssignedConfiguredAndUnassignedThroughTheirOwnRoutes() {
        String prices = file(alice, "Preise.txt");
        String hours = file(alice, "Öffnungszeiten.txt");
        String id = assistant(alice, "Support");

        Api.Response assigned =
                alice.post("/api/assistants/" + id + "/files", Map.of("file_ids", List.of(prices, hours)));
        Api.Response again = alice.post("/api/assistants/" + id + "/files", Map.of("file_ids", List.of(hours)));
        Api.Response configured = alice.put(
                "/api/assistants/" + id + "/files",
                Map.of("file_id", prices, "config", Map.of("priority", "high", "chunk_size", 500)));
        Api.Response listed = alice.get("/api/assistants/" + id + "/files");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.data().path("files").findValuesAsText("id")).containsExactly(prices, hours);
        assertThat(again.data().path("revision").asLong())
                .isEqualTo(assigned.data().path("revision").asLong());
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        assertThat(configured.data().path("revision").asLong()).isEqualTo(3);
        assertThat(listed.data().findValuesAsText("id")).containsExactly(prices, hours);
        assertThat(listed.data().get(0).path("assignment"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("priority", "high", "chunk_size", 500)));
        assertThat(listed.data().get(1).path("assignment")).isEqualTo(Api.JSON.valueToTree(Map.of()));

        Api.Response unassigned = alice.delete("/api/assistants/" + id + "/files?file_id=" + prices);

        assertThat(unassigned.status()).isEqualTo(200);
        assertThat(unassigned.data().path("files").findValuesAsText("id")).containsExactly(hours);
        assertThat(alice.delete("/api/assistants/" + id + "/files?file_id=" + prices)
                        .status())
                .isEqualTo(404);
        Api.Response notAssigned =
                alice.put("/api/assistants/" + id + "/files", Map.of("file_id", prices, "config", Map.of()));
        assertThat(notAssigned.status()).isEqualTo(404);
        assertThat(notAssigned.error().path("message").asText()).contains(prices);
    }

    @Test
    void usedByNamesTheAssistantsThatUseAFile() {
        String prices = file(alice, "Preise.txt");
        String id = alice.post("/api/assistants", Map.of("name", "Front desk", "file_ids", List.of(prices)))
                .data()
                .path("id")
                .asText();

        assertThat(alice.get("/api/files/" + prices).data().path("used_by"))
                .isEqualTo(Api.JSON.valueToTree(List.of(Map.of("id", id, "name", "Front desk"))));
    }

    @Test
    void aDeletedFileLeavesEveryAssistantThatHadIt() {
        String prices = file(alice, "Preise.txt");
        String first = alice.post("/api/assistants", Map.of("name", "First", "file_ids", List.of(prices)))
                .data()
                .path("id")
                .asText();
        String second = alice.post("/api/assistants", Map.of("name", "Second", "file_ids", List.of(prices)))
                .data()
                .path("id")
                .asText();

        assertThat(alice.delete("/api/files/" + prices).status()).isEqualTo(200);

        assertThat(alice.get("/api/assistants/" + first).data().path("files")).isEmpty();
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
        assertThat(alice.post("/api/assistants/" + first + "/files", Map.of("file_ids", List.of(prices)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyTheCallersOwnFilesCanBeAssignedAndTheRefusalNamesTheId() {
        Api bob = api().as(api().signUp());
        String bobsFile = file(bob, "Bob.txt");
        String id = assistant(alice, "Support");

        Api.Response onCreate = alice.post("/api/assistants", Map.of("name", "x", "file_ids", List.of(bobsFile)));
        Api.Response onAssign = alice.post("/api/assistants/" + id + "/files", Map.of("file_ids", List.of(bobsFile)));
        Api.Response unknown =
                alice.post("/api/assistants/" + id + "/files", Map.of("file_ids", List.of("no-such-file")));

        for (Api.Response refused : List.of(onCreate, onAssign, unknown)) {
            assertThat(refused.status()).isEqualTo(404);
        }
        assertThat(onCreate.error().path("message").asText()).contains(bobsFile);
        assertThat(onAssign.error().path("message").asText()).contains(bobsFile);
        assertThat(unknown.error().path("message").asText()).contains("no-such-file");
        assertThat(alice.get("/api/assistants/" + id + "/files").data()).isEmpty();
        assertThat(bob.post("/api/assistants/" + id + "/files", Map.of("file_ids", List.of(bobsFile)))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/assistants/" + id + "/files").status()).isEqualTo(404);
    }

    @Test
    void anAssignmentNamesEveryInvalidField() {
        String id = assistant(alice, "Support");

        assertThat(alice.post("/api/assistants/" + id + "/files", Map.of())
                        .error()
                        .path("details")
                        .findValuesAsText("field"))
                .containsExactly("file_ids");
        assertThat(alice.put("/api/assistants/" + id + "/files", Map.of("config", List.of()))
                        .error()
                        .path("details")
                        .findValuesAsText("field"))
                .containsExactly("config", "file_id");
        assertThat(alice.delete("/api/assistants/" + id + "/files").status()).isEqualTo(400);
    }

    @Test
    void aListEmbedsEveryAssistantsFilesInOneStatement() {
        String prices = file(alice, "Preise.txt");
        for (int i = 0; i < 5; i++) {
            alice.post("/api/assistants", Map.of("name", "Agent " + i, "file_ids", List.of(prices)));
        }
        try (StatementLog.Recording statements = StatementLog.record()) {
            Api.Response list = alice.get("/api/assistants?limit=5");

            assertThat(list.data()).hasSize(5);
            list.data()
                    .forEach(assistant -> assertThat(assistant.path("files").findValuesAsText("id"))
                            .containsExactly(prices));
            assertThat(statements.matching("query.assistant_files")).hasSize(1);
        }
    }

    @Test
    void aListShowsEachAssistantsLiveFilesInTheOrderTheyWereAssignedWithTheirConfiguration() {
        String prices = file(alice, "Preise.txt");
        String hours = file(alice, "Öffnungszeiten.txt");
        String menu = file(alice, "Speisekarte.txt");
        String first = alice.post("/api/assistants", Map.of("name", "First", "file_ids", List.of(menu, hours, prices)))
                .data()
                .path("id")
                .asText();
        String second = alice.post("/api/assistants", Map.of("name", "Second", "file_ids", List.of(hours)))
                .data()
                .path("id")
                .asText();
        alice.post("/api/assistants/" + second + "/files", Map.of("file_ids", List.of(menu, prices)));
        alice.put(
                "/api/assistants/" + second + "/files",
                Map.of("file_id", prices, "config", Map.of("priority", "high")));
        assertThat(alice.delete("/api/files/" + menu).status()).isEqualTo(200);

        Api.Response list = alice.get("/api/assistants?limit=5");

        // newest first; a deleted file is gone from the list at once, before its clean-up unassigns it
        assertThat(list.data()).hasSize(2);
        assertThat(list.data().get(0).path("id").asText()).isEqualTo(second);
        assertThat(list.data().get(1).path("id").asText()).isEqualTo(first);
        assertThat(list.data().get(0).path("files").findValuesAsText("id")).containsExactly(hours, prices);
        assertThat(list.data().get(0).path("files").get(1).path("assignment"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("priority", "high")));
        assertThat(list.data().get(1).path("files").findValuesAsText("id")).containsExactly(hours, prices);
        assertThat(list.data().get(1).path("files").get(1).path("assignment"))
                .isEqualTo(Api.JSON.valueToTree(Map.of()));
    }

    private static String file(Api user, String name) {
        Api.Response created =
                user.upload("/api/files", Map.of(), name, ("Inhalt von " + name).getBytes(StandardCharsets.UTF_8));
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
