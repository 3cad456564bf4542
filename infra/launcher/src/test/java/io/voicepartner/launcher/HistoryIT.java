package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History, point-in-time reads and undoing a delete, as API.md promises them: every resource keeps its
 * events (who did what, and what changed), can be read as it was at a revision or a time, and a deleted
 * one can be brought back where that is sound.
 */
class HistoryIT extends PlatformIT {

    private static final String OLD_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String NEW_TOKEN = "sk_live_9fD41JrMzkXEbskuU2aeq8ed";
    private static final AtomicLong LINES =
            new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000));

    private Api.User aliceUser;
    private Api alice;
    private Api bob;

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        bob = api().as(api().signUp());
    }

    @Test
    void anAssistantsHistoryPointInTimeAndRestore() {
        String calendar = createTool("Calendar", null);
        String holdMusic = createTool("Hold music", null);
        Api.Response created = alice.post("/api/assistants/", Map.of("name", "Front desk", "temperature", 0.4));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asText();
        Instant afterCreation = Instant.now();
        assertThat(alice.put("/api/assistants/" + id, Map.of("name", "Reception"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.put("/api/assistants/" + id, Map.of("temperature", 0.9))
                        .status())
                .isEqualTo(200);
        assertThat(alice.post("/api/assistants/" + id + "/tools", Map.of("tool_ids", List.of(calendar, holdMusic)))
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(4);
        assertThat(alice.delete("/api/assistants/" + id).status()).isEqualTo(200);
        assertThat(alice.delete("/api/tools/" + holdMusic).status()).isEqualTo(200);

        Api.Response history = alice.get("/api/assistants/" + id + "/history");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(types(history))
                .containsExactly(
                        "AssistantCreated",
                        "AssistantUpdated",
                        "AssistantUpdated",
                        "ToolsAssigned",
                        "AssistantDeleted");
        assertThat(history.data().findValuesAsText("revision")).containsExactly("1", "2", "3", "4", "5");
        assertThat(history.data().findValues("actor"))
                .containsOnly(
                        Api.JSON.valueToTree(Map.of("type", "user", "id", aliceUser.id(), "email", aliceUser.email())));
        assertThat(history.json().path("meta").path("total").asLong()).isEqualTo(5);
        JsonNode renamed = history.data().get(1);
        assertThat(renamed.path("occurred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(renamed.path("changes"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("name", Map.of("from", "Front desk", "to", "Reception"))));
        assertThat(history.data()
                        .get(2)
                        .path("changes")
                        .path("temperature")
                        .path("from")
                        .asDouble())
                .isEqualTo(0.4);
        assertThat(history.data()
                        .get(2)
                        .path("changes")
                        .path("temperature")
                        .path("to")
                        .asDouble())
                .isEqualTo(0.9);
        assertThat(history.data().get(3).path("changes").path("tool_ids").path("to"))
                .isEqualTo(Api.JSON.valueToTree(List.of(calendar, holdMusic)));

        Api.Response firstPage = alice.get("/api/assistants/" + id + "/history?limit=2");
        assertThat(firstPage.data().findValuesAsText("revision")).containsExactly("1", "2");
        String cursor = firstPage.json().path("meta").path("next_cursor").asText();
        assertThat(alice.get("/api/assistants/" + id + "/history?limit=2&cursor=" + cursor)
                        .data()
                        .findValuesAsText("revision"))
                .containsExactly("3", "4");

        JsonNode second = alice.get("/api/assistants/" + id + "?revision=2").data();
        assertThat(second.path("name").asText()).isEqualTo("Reception");
        assertThat(second.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(second.path("revision").asLong()).isEqualTo(2);
        assertThat(second.path("tools")).isEmpty();
        assertThat(second.path("created_at").asText())
                .isEqualTo(created.data().path("created_at").asText());
        JsonNode asCreated = alice.get("/api/assistants/" + id + "?as_of=" + encode(afterCreation.toString()))
                .data();
        assertThat(asCreated.path("name").asText()).isEqualTo("Front desk");

        Api.Response restored = alice.post("/api/assistants/" + id + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("revision").asLong()).isEqualTo(6);
        assertThat(restored.data().path("name").asText()).isEqualTo("Reception");
        assertThat(restored.data().path("temperature").asDouble()).isEqualTo(0.9);
        assertThat(restored.data().path("tools").findValuesAsText("id")).containsExactly(calendar);
        assertThat(alice.get("/api/assistants/" + id).data()).isEqualTo(restored.data());
        assertThat(types(alice.get("/api/assistants/" + id + "/history")))
                .endsWith("AssistantDeleted", "AssistantRestored");

        Api.Response again = alice.post("/api/assistants/" + id + "/restore", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().path("message").asText()).contains("is not deleted");
        assertThat(bob.get("/api/assistants/" + id + "/history").status()).isEqualTo(404);
        assertThat(bob.get("/api/assistants/" + id + "?revision=1").status()).isEqualTo(404);
        assertThat(bob.post("/api/assistants/" + id + "/restore", null).status())
                .isEqualTo(404);
    }

    @Test
    void pointInTimeRefusesWhatItCannotAnswer() {
        String id = alice.post("/api/assistants/", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.delete("/api/assistants/" + id).status()).isEqualTo(200);

        assertRefused(alice.get("/api/assistants/" + id + "?as_of=yesterday"), 400, "as_of");
        assertRefused(alice.get("/api/assistants/" + id + "?revision=first"), 400, "revision");
        assertRefused(alice.get("/api/assistants/" + id + "?revision=0"), 400, "revision");
        assertRefused(alice.get("/api/assistants/" + id + "?revision=1&as_of=2026-01-15T10:30:00Z"), 400, "as_of");
        Api.Response unknown = alice.get("/api/assistants/" + id + "?revision=9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().path("message").asText()).contains("has no revision 9");
        Api.Response before = alice.get("/api/assistants/" + id + "?as_of=2000-01-01T00:00:00Z");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.error().path("message").asText()).contains("did not exist yet");
        Api.Response deleted = alice.get("/api/assistants/" + id + "?revision=2");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.error().path("message").asText()).contains("was deleted");
        assertThat(alice.get("/api/assistants/" + id + "?revision=1")
                        .data()
                        .path("name")
                        .asText())
                .isEqualTo("Front desk");
    }

    @Test
    void aToolsHistoryShowsItsCredentialsOnlyMaskedAndItCanBeRestored() {
        String id = createTool("CRM", OLD_TOKEN);
        Api.Response rotated =
                alice.patch("/api/tools/" + id, Map.of("authentication", Map.of("type", "bearer", "token", NEW_TOKEN)));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(alice.delete("/api/tools/" + id).status()).isEqualTo(200);

        Api.Response history = alice.get("/api/tools/" + id + "/history");
        assertThat(types(history)).containsExactly("ToolCreated", "ToolUpdated", "ToolDeleted");
        assertThat(history.data().get(1).path("changes"))
                .isEqualTo(Api.JSON.valueToTree(Map.of(
                        "authentication",
                        Map.of(
                                "from",
                                Map.of("type", "bearer", "token", "••••" + last4(OLD_TOKEN)),
                                "to",
                                Map.of("type", "bearer", "token", "••••" + last4(NEW_TOKEN))))));
        assertThat(history.text()).doesNotContain(OLD_TOKEN, NEW_TOKEN);
        assertThat(alice.get("/api/tools/" + id + "?revision=1")
                        .data()
                        .path("authentication")
                        .path("token")
                        .asText())
                .isEqualTo("••••" + last4(OLD_TOKEN));

        Api.Response restored = alice.post("/api/tools/" + id + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("revision").asLong()).isEqualTo(4);
        assertThat(restored.data().path("authentication").path("token").asText())
                .isEqualTo("••••" + last4(NEW_TOKEN));
        assertThat(alice.get("/api/tools").data().findValuesAsText("id")).contains(id);
        assertThat(bob.post("/api/tools/" + id + "/restore", null).status()).isEqualTo(404);
    }

    @Test
    void aFilesHistoryStaysReadableButADeletedFileCannotBeRestored() {
        Api.Response uploaded = alice.upload(
                "/api/files",
                Map.of("description", "Prices"),
                "preise.txt",
                "Beratung 40 EUR".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String id = uploaded.data().path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> alice.get("/api/files/" + id).data().path("status").asText(), "processed"::equals);
        assertThat(alice.put("/api/files/" + id, Map.of("description", "Prices 2026"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.delete("/api/files/" + id).status()).isEqualTo(200);

        Api.Response history = alice.get("/api/files/" + id + "/history");
        assertThat(types(history))
                .containsExactly("FileUploaded", "FileProcessed", "FileDescriptionUpdated", "FileDeleted");
        assertThat(history.data().get(2).path("changes"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("description", Map.of("from", "Prices", "to", "Prices 2026"))));
        assertThat(history.data().get(1).path("actor"))
                .as("text extraction is the platform's own doing")
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "system", "id", "system")));
        assertThat(alice.get("/api/files/" + id + "?revision=1")
                        .data()
                        .path("status")
                        .asText())
                .isEqualTo("uploading");

        Api.Response restore = alice.post("/api/files/" + id + "/restore", null);
        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.error().path("message").asText()).contains("cannot be restored", "Upload it again");
        assertThat(bob.post("/api/files/" + id + "/restore", null).status()).isEqualTo(404);
        assertThat(bob.get("/api/files/" + id + "/history").status()).isEqualTo(404);
    }

    @Test
    void aReleasedPhoneNumberComesBackUnlessSomeoneElseTookItsNumber() {
        String line = "+4930" + LINES.getAndIncrement();
        String id = alice.post("/api/phone-numbers", Map.of("phone_number", line, "friendly_name", "Hotline"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.put("/api/phone-numbers/" + id, Map.of("friendly_name", "Berlin hotline"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.delete("/api/phone-numbers/" + id).status()).isEqualTo(200);

        Api.Response restored = alice.post("/api/phone-numbers/" + id + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("friendly_name").asText()).isEqualTo("Berlin hotline");
        assertThat(restored.data().path("revision").asLong()).isEqualTo(4);
        assertThat(alice.get("/api/phone-numbers/" + id + "?revision=1")
                        .data()
                        .path("friendly_name")
                        .asText())
                .isEqualTo("Hotline");
        assertThat(types(alice.get("/api/phone-numbers/" + id + "/history")))
                .containsExactly(
                        "PhoneNumberCreated", "PhoneNumberUpdated", "PhoneNumberDeleted", "PhoneNumberRestored");

        assertThat(alice.delete("/api/phone-numbers/" + id).status()).isEqualTo(200);
        assertThat(bob.post("/api/phone-numbers", Map.of("phone_number", line)).status())
                .isEqualTo(201);
        Api.Response taken = alice.post("/api/phone-numbers/" + id + "/restore", null);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.error().path("message").asText()).contains(line, "already in use");
        assertThat(alice.get("/api/phone-numbers/" + id).status()).isEqualTo(404);
    }

    private String createTool(String name, String token) {
        Map<String, Object> body = token == null
                ? Map.of("name", name, "endpoint", "https://api.example.com/" + name.length())
                : Map.of(
                        "name",
                        name,
                        "endpoint",
                        "https://crm.example.com/api",
                        "authentication",
                        Map.of("type", "bearer", "token", token));
        Api.Response created = alice.post("/api/tools/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private static void assertRefused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.error().path("details").findValuesAsText("field")).containsExactly(field);
    }

    /**
     * The entries' own types ({@code findValuesAsText} would also find their actors' and a tool's
     * {@code authentication.type}).
     */
    private static List<String> types(Api.Response history) {
        List<String> types = new ArrayList<>();
        history.data().forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }

    private static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
