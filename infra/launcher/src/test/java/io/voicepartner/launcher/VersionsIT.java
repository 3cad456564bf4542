package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The versions of an assistant as API.md specifies them (publish, list, read, diff, restore) and the phone
 * numbers that follow or are pinned to them, driven over HTTP like the frontend drives them.
 */
class VersionsIT extends PlatformIT {

    /** A credential no version, diff or record may ever show in clear. */
    private static final String CALENDAR_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    private static final AtomicLong LINES =
            new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000));

    private final TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());

    private Api.User aliceUser;
    private Api alice;

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
    }

    /** The walk of the "done means", as a new user would take it. */
    @Test
    void publishedEditedPublishedAgainDiffedRestoredWhileANumberPinnedToVersionOneKeepsShowingIt() {
        String calendar = tool("Calendar", "https://calendar.example.com/book");
        String assistant = assistant(Map.of(
                "name",
                "Front desk",
                "temperature",
                0.4,
                "first_message",
                "Praxis Dr. Weber, guten Tag!",
                "tool_ids",
                List.of(calendar)));

        Api.Response first = alice.post("/api/assistants/" + assistant + "/versions", Map.of("note", "First go-live"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/api/assistants/" + assistant + "/versions/1");
        JsonNode v1 = first.data();
        assertThat(v1.path("number").asInt()).isEqualTo(1);
        assertThat(v1.path("assistant_id").asText()).isEqualTo(assistant);
        assertThat(v1.path("note").asText()).isEqualTo("First go-live");
        assertThat(v1.path("published_by").asText()).isEqualTo(aliceUser.id());
        assertThat(v1.path("published_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(v1.path("config_hash").asText()).matches("[0-9a-f]{64}");
        assertThat(v1.path("configuration")
                        .path("assistant")
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.4);
        JsonNode frozenTool = v1.path("configuration").path("tools").path(0);
        assertThat(frozenTool.path("id").asText()).isEqualTo(calendar);
        assertThat(frozenTool.path("endpoint").asText()).isEqualTo("https://calendar.example.com/book");
        assertThat(frozenTool.path("authentication").path("token").asText()).isEqualTo("••••p7dc");
        assertThat(first.text()).doesNotContain(CALENDAR_TOKEN);
        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("status")
                        .asText())
                .isEqualTo("deployed");

        String pinned = phoneNumber(assistant, 1);
        String following = phoneNumber(assistant, null);
        assertThat(alice.get("/api/phone-numbers/" + pinned)
                        .data()
                        .path("answering_version")
                        .path("number")
                        .asInt())
                .isEqualTo(1);

        assertThat(alice.patch("/api/assistants/" + assistant, Map.of("temperature", 0.9))
                        .status())
                .isEqualTo(200);
        assertThat(alice.patch("/api/tools/" + calendar, Map.of("endpoint", "https://calendar.example.com/v2/book"))
                        .status())
                .isEqualTo(200);
        JsonNode stillV1 =
                alice.get("/api/assistants/" + assistant + "/versions/1").data();
        assertThat(stillV1.path("configuration")
                        .path("assistant")
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.4);
        assertThat(stillV1.path("configuration")
                        .path("tools")
                        .path(0)
                        .path("endpoint")
                        .asText())
                .isEqualTo("https://calendar.example.com/book");

        Api.Response second = alice.post("/api/assistants/" + assistant + "/versions", null);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.data().path("number").asInt()).isEqualTo(2);
        assertThat(second.data().path("note").isNull()).isTrue();
        assertThat(second.data().path("config_hash").asText())
                .isNotEqualTo(v1.path("config_hash").asText());

        JsonNode pinnedNumber = alice.get("/api/phone-numbers/" + pinned).data();
        assertThat(pinnedNumber.path("assistant_version").asInt()).isEqualTo(1);
        assertThat(pinnedNumber.path("answering_version").path("number").asInt())
                .isEqualTo(1);
        assertThat(pinnedNumber.path("answering_version").path("pinned").asBoolean())
                .isTrue();
        assertThat(pinnedNumber.path("answering_version").path("config_hash").asText())
                .isEqualTo(v1.path("config_hash").asText());
        JsonNode answering = alice.get(
                        pinnedNumber.path("answering_version").path("href").asText())
                .data();
        assertThat(answering
                        .path("configuration")
                        .path("assistant")
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.4);
        JsonNode followingNumber = alice.get("/api/phone-numbers/" + following).data();
        assertThat(followingNumber.path("assistant_version").isNull()).isTrue();
        assertThat(followingNumber.path("answering_version").path("number").asInt())
                .isEqualTo(2);
        assertThat(followingNumber.path("answering_version").path("pinned").asBoolean())
                .isFalse();

        Api.Response diff = alice.get("/api/assistants/" + assistant + "/versions/1/diff?against=2");
        assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
        assertThat(diff.data().path("from").asInt()).isEqualTo(1);
        assertThat(diff.data().path("to").asText()).isEqualTo("2");
        assertThat(diff.data().path("identical").asBoolean()).isFalse();
        assertThat(diff.data().path("fields").path("temperature"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("from", 0.4, "to", 0.9)));
        assertThat(diff.data().path("fields").size()).isEqualTo(1);
        JsonNode changedTool = diff.data().path("tools").path("changed").path(0);
        assertThat(changedTool.path("id").asText()).isEqualTo(calendar);
        assertThat(changedTool.path("name").asText()).isEqualTo("Calendar");
        assertThat(changedTool.path("fields").path("endpoint"))
                .isEqualTo(Api.JSON.valueToTree(Map.of(
                        "from", "https://calendar.example.com/book", "to", "https://calendar.example.com/v2/book")));
        assertThat(diff.data().path("tools").path("added")).isEmpty();
        assertThat(diff.data().path("tools").path("removed")).isEmpty();

        Api.Response restored = alice.post("/api/assistants/" + assistant + "/versions/1/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(restored.data().path("status").asText()).isEqualTo("deployed");
        assertThat(restored.data().path("tools").findValuesAsText("id")).containsExactly(calendar);
        JsonNode sinceRestore = alice.get("/api/assistants/" + assistant + "/versions/1/diff?against=current")
                .data();
        assertThat(sinceRestore.path("to").asText()).isEqualTo("current");
        assertThat(sinceRestore.path("fields")).isEmpty();
        // the tool itself is not part of the draft that a restore sets back: it stays as it was edited
        assertThat(sinceRestore.path("tools").path("changed").findValuesAsText("id"))
                .containsExactly(calendar);

        assertThat(alice.get("/api/phone-numbers/" + pinned)
                        .data()
                        .path("answering_version")
                        .path("number")
                        .asInt())
                .isEqualTo(1);
        List<String> types = eventTypes(assistant, 8);
        assertThat(types)
                .containsSubsequence(
                        "AssistantVersionPublished",
                        "AssistantVersionPublished",
                        "AssistantUpdated",
                        "AssistantVersionRestored");
        assertThat(types.stream().filter("AssistantVersionPublished"::equals)).hasSize(2);
    }

    @Test
    void publishingAnUnchangedConfigurationAnswersTheLatestVersionWith200AndRecordsNothing() {
        String assistant = assistant(Map.of("name", "Hotline"));
        Api.Response first = alice.post("/api/assistants/" + assistant + "/versions", Map.of());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        Api.Response again = alice.post("/api/assistants/" + assistant + "/versions", Map.of("note", "no change"));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.data().path("number").asInt()).isEqualTo(1);
        assertThat(again.data().path("config_hash")).isEqualTo(first.data().path("config_hash"));
        assertThat(again.data().path("note").isNull()).isTrue();
        Api.Response list = alice.get("/api/assistants/" + assistant + "/versions");
        assertThat(list.data().findValuesAsText("number")).containsExactly("1");
        // created, set deployed, version 1: nothing after
        assertThat(alice.get("/api/assistants/" + assistant)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void publishingWithIfMatchPublishesOnlyTheRevisionTheCallerSaw() {
        String assistant = assistant(Map.of("name", "Hotline"));
        alice.patch("/api/assistants/" + assistant, Map.of("temperature", 0.3));

        Api.Response stale = alice.withHeader("If-Match", "\"1\"")
                .post("/api/assistants/" + assistant + "/versions", Map.of("note", "what I reviewed"));
        Api.Response current = alice.withHeader("If-Match", "\"2\"")
                .post("/api/assistants/" + assistant + "/versions", Map.of("note", "what I reviewed"));

        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.json().path("error").path("code").asText()).isEqualTo("revision_mismatch");
        assertThat(current.status()).as(current.toString()).isEqualTo(201);
        assertThat(current.data().path("number").asInt()).isEqualTo(1);
    }

    @Test
    void aVersionFreezesItsFilesAndTheDiffNamesWhatWasAddedAndRemoved() {
        String prices = file("prices.txt", "Reinigung 80 EUR");
        String calendar = tool("Calendar", "https://calendar.example.com/book");
        String assistant = assistant(Map.of("name", "Front desk", "file_ids", List.of(prices)));
        assertThat(alice.put(
                                "/api/assistants/" + assistant + "/files",
                                Map.of("file_id", prices, "config", Map.of("top_k", 3)))
                        .status())
                .isEqualTo(200);
        JsonNode v1 =
                alice.post("/api/assistants/" + assistant + "/versions", null).data();
        JsonNode frozenFile = v1.path("configuration").path("files").path(0);
        assertThat(frozenFile.path("id").asText()).isEqualTo(prices);
        assertThat(frozenFile.path("original_name").asText()).isEqualTo("prices.txt");
        assertThat(frozenFile.path("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(frozenFile.path("assignment")).isEqualTo(Api.JSON.valueToTree(Map.of("top_k", 3)));

        assertThat(alice.delete("/api/assistants/" + assistant + "/files?file_id=" + prices)
                        .status())
                .isEqualTo(200);
        assertThat(alice.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(calendar)))
                        .status())
                .isEqualTo(200);
        assertThat(alice.patch("/api/assistants/" + assistant, Map.of("status", "testing"))
                        .status())
                .isEqualTo(200);

        JsonNode diff = alice.get("/api/assistants/" + assistant + "/versions/1/diff?against=current")
                .data();
        assertThat(diff.path("fields")).as("status is not part of a version").isEmpty();
        assertThat(diff.path("files").path("removed"))
                .isEqualTo(Api.JSON.valueToTree(List.of(
                        Map.of("id", prices, "name", frozenFile.path("filename").asText()))));
        assertThat(diff.path("tools").path("added"))
                .isEqualTo(Api.JSON.valueToTree(List.of(Map.of("id", calendar, "name", "Calendar"))));

        Api.Response restored = alice.post("/api/assistants/" + assistant + "/versions/1/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("tools")).isEmpty();
        assertThat(restored.data().path("files").findValuesAsText("id")).containsExactly(prices);
        assertThat(restored.data().path("files").path(0).path("assignment"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("top_k", 3)));
        assertThat(restored.data().path("status").asText()).isEqualTo("testing");
    }

    @Test
    void restoringLeavesOutAToolDeletedSinceWhileTheVersionKeepsShowingIt() {
        String calendar = tool("Calendar", "https://calendar.example.com/book");
        String assistant = assistant(Map.of("name", "Front desk", "tool_ids", List.of(calendar)));
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", null)
                        .status())
                .isEqualTo(201);
        assertThat(alice.delete("/api/tools/" + calendar).status()).isEqualTo(200);

        Api.Response restored = alice.post("/api/assistants/" + assistant + "/versions/1/restore", null);

        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("tools")).isEmpty();
        assertThat(alice.get("/api/assistants/" + assistant + "/versions/1")
                        .data()
                        .path("configuration")
                        .path("tools")
                        .findValuesAsText("id"))
                .containsExactly(calendar);
    }

    @Test
    void theListIsNewestFirstInPages() {
        String assistant = assistant(Map.of("name", "Hotline", "temperature", 0.1));
        for (double temperature : new double[] {0.2, 0.3}) {
            assertThat(alice.post("/api/assistants/" + assistant + "/versions", null)
                            .status())
                    .isEqualTo(201);
            alice.patch("/api/assistants/" + assistant, Map.of("temperature", temperature));
        }
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", null)
                        .status())
                .isEqualTo(201);

        Api.Response page = alice.get("/api/assistants/" + assistant + "/versions?limit=2");
        assertThat(page.data().findValuesAsText("number")).containsExactly("3", "2");
        assertThat(page.json().path("meta").path("total").asLong()).isEqualTo(3);
        assertThat(page.data().path(0).has("configuration")).isFalse();
        Api.Response next = alice.get("/api/assistants/" + assistant + "/versions?limit=2&cursor="
                + page.json().path("meta").path("next_cursor").asText());
        assertThat(next.data().findValuesAsText("number")).containsExactly("1");
        assertThat(next.json().path("meta").path("next_cursor").isNull()).isTrue();
    }

    @Test
    void refusesUnknownVersionsBadComparisonsAndPinsToVersionsNotPublished() {
        String assistant = assistant(Map.of("name", "Hotline"));
        String base = "/api/assistants/" + assistant + "/versions";

        assertThat(alice.get(base).data()).isEmpty();
        assertThat(alice.post(base + "/1/restore", null).status()).isEqualTo(404);
        Api.Response unpublishedPin = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", newHamburgNumber(), "assistant_id", assistant, "assistant_version", 1));
        assertThat(unpublishedPin.status()).as(unpublishedPin.toString()).isEqualTo(409);
        assertThat(alice.post(base, null).status()).isEqualTo(201);

        assertThat(alice.get(base + "/2").status()).isEqualTo(404);
        assertThat(alice.get(base + "/latest").status()).isEqualTo(404);
        assertThat(alice.get(base + "/2/diff?against=1").status()).isEqualTo(404);
        assertThat(alice.get(base + "/1/diff?against=2").status()).isEqualTo(404);
        Api.Response badAgainst = alice.get(base + "/1/diff?against=yesterday");
        assertThat(badAgainst.status()).isEqualTo(400);
        assertThat(badAgainst.error().path("details").findValuesAsText("field")).containsExactly("against");
        assertThat(alice.get(base + "/1/diff").status()).isEqualTo(400);
        Api.Response longNote = alice.post(base, Map.of("note", "x".repeat(501)));
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(longNote.error().path("details").findValuesAsText("field")).containsExactly("note");
        assertThat(alice.post(base, Map.of("number", 7)).status()).isEqualTo(400);

        Api.Response pinTooFar = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", newHamburgNumber(), "assistant_id", assistant, "assistant_version", 2));
        assertThat(pinTooFar.status()).as(pinTooFar.toString()).isEqualTo(409);
        Api.Response pinWithoutAssistant =
                alice.post("/api/phone-numbers", Map.of("phone_number", newHamburgNumber(), "assistant_version", 1));
        assertThat(pinWithoutAssistant.status()).isEqualTo(400);
        assertThat(pinWithoutAssistant.error().path("details").findValuesAsText("field"))
                .containsExactly("assistant_version");
        String number = phoneNumber(assistant, null);
        Api.Response pinned = alice.patch("/api/phone-numbers/" + number, Map.of("assistant_version", 1));
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.data().path("assistant_version").asInt()).isEqualTo(1);
        assertThat(alice.patch("/api/phone-numbers/" + number, Map.of("assistant_version", 0))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anotherUsersAssistantHasNoVersionsForTheCaller() {
        String assistant = assistant(Map.of("name", "Hotline"));
        String base = "/api/assistants/" + assistant + "/versions";
        assertThat(alice.post(base, null).status()).isEqualTo(201);
        Api mallory = api().as(api().signUp());

        assertThat(mallory.get(base).status()).isEqualTo(404);
        assertThat(mallory.get(base + "/1").status()).isEqualTo(404);
        assertThat(mallory.get(base + "/1/diff?against=current").status()).isEqualTo(404);
        assertThat(mallory.post(base, null).status()).isEqualTo(404);
        assertThat(mallory.post(base + "/1/restore", null).status()).isEqualTo(404);
        Api.Response pin = mallory.post(
                "/api/phone-numbers",
                Map.of("phone_number", newHamburgNumber(), "assistant_id", assistant, "assistant_version", 1));
        assertThat(pin.status()).isEqualTo(404);
    }

    private String tool(String name, String endpoint) {
        Api.Response created = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        name,
                        "endpoint",
                        endpoint,
                        "authentication",
                        Map.of("type", "bearer", "token", CALENDAR_TOKEN)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private String file(String name, String text) {
        Api.Response uploaded = alice.upload("/api/files", Map.of(), name, text.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.data().path("id").asText();
    }

    private String assistant(Map<String, Object> body) {
        Api.Response created = alice.post("/api/assistants", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private String phoneNumber(String assistant, Integer version) {
        Map<String, Object> body = new HashMap<>(Map.of("phone_number", newHamburgNumber(), "assistant_id", assistant));
        if (version != null) {
            body.put("assistant_version", version);
        }
        Api.Response created = alice.post("/api/phone-numbers", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private List<String> eventTypes(String assistant, int count) {
        List<ConsumerRecord<String, byte[]>> records =
                topics.recordsWithKey("voicepartner.assistants", assistant, count);
        return records.stream()
                .map(record -> StreamSupport.stream(
                                record.headers().headers("type").spliterator(), false)
                        .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                        .findFirst()
                        .orElse(""))
                .toList();
    }

    private static String newHamburgNumber() {
        return "+49 40 " + LINES.getAndIncrement();
    }
}
