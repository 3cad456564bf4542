package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events API as docs/API.md "Events and live updates" promises it: an organization's configuration changes,
 * oldest first from a cursor; a client that stores {@code meta.next_cursor} gets every change once, in order,
 * however the writes interleave; nobody sees another organization's.
 */
class EventsIT extends PlatformIT {

    private Api.User aliceUser;
    private Api alice;
    private Api bob;
    /** Each change received, by {@code resource id@revision}: the event's id. */
    private final Map<String, String> eventIds = new ConcurrentHashMap<>();

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        bob = api().as(api().signUp());
    }

    @Test
    void aClientThatStoresTheLastCursorNeverMissesAndNeverDoubleCounts() throws Exception {
        List<String> received = new ArrayList<>();
        boolean writing = true;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> written = new ArrayList<>();
        try {
            for (int writer = 0; writer < 2; writer++) {
                int number = writer;
                written.add(writers.submit(() -> writes(number)));
            }
            // polls with small pages while the two writers' changes commit on several partitions at once
            String cursor = null;
            while (writing) {
                cursor = poll(cursor, received);
                writing = written.stream().anyMatch(future -> !future.isDone());
            }
            Set<String> expected = new HashSet<>();
            for (Future<List<String>> writes : written) {
                expected.addAll(writes.get());
            }
            String[] stored = {cursor};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                stored[0] = poll(stored[0], received);
                return received.size() >= expected.size();
            });

            assertThat(received).as("every change once").doesNotHaveDuplicates().hasSameSizeAs(expected);
            assertThat(new HashSet<>(received)).isEqualTo(expected);
            assertThat(poll(stored[0], received)).as("nothing after the last").isEqualTo(stored[0]);
            assertThat(ids(alice.get("/api/events?limit=200")))
                    .as("the same order as one read of the whole feed")
                    .isEqualTo(received.stream().map(this::idOf).toList());
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void anEventIsTheResourceAsItWasThenWithWhatChangedAndWhoChangedIt() {
        String assistant = created(alice.post("/api/assistants", Map.of("name", "Front desk")));
        assertThat(alice.patch("/api/assistants/" + assistant, Map.of("name", "Reception"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);

        JsonNode events = awaitEvents(alice, "", 4);
        // publishing deploys the draft (an update of its status), then freezes it as a version
        assertThat(field(events, "type"))
                .containsExactly(
                        "assistant.created", "assistant.updated", "assistant.updated", "assistant.version_published");
        assertThat(events.get(2)
                        .path("data")
                        .path("changes")
                        .path("status")
                        .path("to")
                        .asText())
                .isEqualTo("deployed");
        JsonNode renamed = events.get(1);
        assertThat(renamed.path("organization_id").asText()).isEqualTo(aliceUser.id());
        assertThat(renamed.path("resource"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "assistant", "id", assistant, "revision", 2)));
        assertThat(renamed.path("actor"))
                .isEqualTo(
                        Api.JSON.valueToTree(Map.of("type", "user", "id", aliceUser.id(), "email", aliceUser.email())));
        assertThat(renamed.path("occurred_at").asText()).endsWith("Z");
        assertThat(renamed.path("data").path("object").path("name").asText()).isEqualTo("Reception");
        assertThat(renamed.path("data").path("object").path("revision").asLong())
                .isEqualTo(2);
        assertThat(renamed.path("data").path("changes").path("name"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("from", "Front desk", "to", "Reception")));

        Api.Response one = alice.get("/api/events/" + renamed.path("id").asText());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.data()).isEqualTo(renamed);
        assertThat(alice.get("/api/events/" + renamed.path("id").asText() + "x").status())
                .isEqualTo(404);
    }

    @Test
    void typesNarrowTheFeedAndABadCursorOrAnUnknownTypeIsRefusedByName() {
        String tool = AssistantToolsIT.tool(alice, "Calendar");
        assertThat(alice.patch("/api/tools/" + tool, Map.of("name", "Diary")).status())
                .isEqualTo(200);
        created(alice.post("/api/assistants", Map.of("name", "Front desk")));
        awaitEvents(alice, "", 3);

        Api.Response tools = alice.get("/api/events?types=" + encode("tool.created,tool.updated"));
        assertThat(field(tools.data(), "type")).containsExactly("tool.created", "tool.updated");
        assertThat(tools.json().path("meta").path("total").asLong()).isEqualTo(2);

        Api.Response unknownType = alice.get("/api/events?types=" + encode("tool.created,tool.exploded"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(unknownType.error().path("details").findValuesAsText("field"))
                .containsExactly("types");
        assertThat(unknownType.error().path("details").get(0).path("message").asText())
                .contains("tool.exploded");

        for (String bad : List.of("garbage", "djE6MTIz", "ZTEuLTEuMg")) {
            Api.Response badCursor = alice.get("/api/events?after=" + bad);
            assertThat(badCursor.status()).as(bad).isEqualTo(400);
            assertThat(badCursor.error().path("details").findValuesAsText("field"))
                    .containsExactly("after");
        }
    }

    @Test
    void anotherOrganizationsEventsNeverAppear() {
        String tool = AssistantToolsIT.tool(alice, "Calendar");
        JsonNode hers = awaitEvents(alice, "", 1);
        String herEvent = hers.get(0).path("id").asText();
        String herCursor =
                alice.get("/api/events").json().path("meta").path("next_cursor").asText();
        AssistantToolsIT.tool(bob, "Weather");
        awaitEvents(bob, "", 1);

        for (String read : List.of("/api/events", "/api/events?after=" + herCursor, "/api/events?types=tool.created")) {
            Api.Response bobs = bob.get(read);
            assertThat(bobs.status()).as(read).isEqualTo(200);
            assertThat(bobs.text()).as(read).doesNotContain(tool).doesNotContain(herEvent);
        }
        Api.Response one = bob.get("/api/events/" + herEvent);
        assertThat(one.status()).isEqualTo(404);
        assertThat(one.error().path("code").asText()).isEqualTo("not_found");
    }

    /** One writer's changes, each as {@code resource id@revision}: what the feed must hold once each. */
    private List<String> writes(int writer) {
        List<String> changes = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            String tool = AssistantToolsIT.tool(alice, "Tool " + writer + " " + round);
            changes.add(tool + "@1");
            Api.Response renamed = alice.patch("/api/tools/" + tool, Map.of("name", "Renamed " + writer + round));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            changes.add(tool + "@" + renamed.data().path("revision").asLong());
            String assistant = created(alice.post("/api/assistants", Map.of("name", "Desk " + writer + round)));
            changes.add(assistant + "@1");
        }
        return changes;
    }

    /**
     * One page after {@code cursor}, each event added to {@code received} as {@code resource id@revision} and
     * remembered by id.
     *
     * @return the cursor to store: {@code meta.next_cursor}
     */
    private String poll(String cursor, List<String> received) {
        Api.Response page = alice.get("/api/events?limit=3" + (cursor == null ? "" : "&after=" + cursor));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        for (JsonNode event : page.data()) {
            String change = event.path("resource").path("id").asText() + "@"
                    + event.path("resource").path("revision").asLong();
            received.add(change);
            eventIds.put(change, event.path("id").asText());
        }
        JsonNode next = page.json().path("meta").path("next_cursor");
        return next.isNull() || next.isMissingNode() ? cursor : next.asText();
    }

    private String idOf(String change) {
        return eventIds.get(change);
    }

    private static List<String> ids(Api.Response page) {
        return field(page.data(), "id");
    }

    /** A field of each event of a page (not of their resources or actors, which have fields of the same names). */
    static List<String> field(JsonNode events, String name) {
        List<String> values = new ArrayList<>();
        events.forEach(event -> values.add(event.path(name).asText()));
        return values;
    }

    /** The caller's feed once it holds at least {@code count} events (of {@code query}'s filter). */
    static JsonNode awaitEvents(Api caller, String query, int count) {
        JsonNode[] events = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            events[0] = caller.get("/api/events?limit=200" + query).data();
            return events[0].size() >= count;
        });
        return events[0];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }
}
