package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live streams as docs/API.md "Events and live updates" promises them: Server-Sent Events and the WebSocket carry
 * the organization's events as they happen, with the ids and cursors of the events API, resume after a reconnect
 * without a gap, and never carry another organization's.
 */
class LiveUpdatesIT extends PlatformIT {

    private Api.User aliceUser;
    private Api alice;
    private Api.User bobUser;
    private Api bob;

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        bobUser = api().signUp();
        bob = api().as(bobUser);
    }

    @Test
    void eventsArriveOnServerSentEventsAndTheWebSocketAsTheEventsApiListsThem() {
        try (LiveClients.EventStream sse = LiveClients.stream(base(), bearer(aliceUser), null);
                LiveClients.LiveSocket socket = LiveClients.socket(base(), Map.of(), "")) {
            // a browser's way: the token as the first message
            socket.send(Map.of("token", aliceUser.token()));
            assertThat(socket.next().path("type").asText()).isEqualTo("ready");

            String tool = AssistantToolsIT.tool(alice, "Calendar");
            assertThat(alice.patch("/api/tools/" + tool, Map.of("name", "Diary"))
                            .status())
                    .isEqualTo(200);
            assertThat(alice.delete("/api/tools/" + tool).status()).isEqualTo(200);

            List<String> listed = EventsIT.field(EventsIT.awaitEvents(alice, "", 3), "id");
            List<String> streamed = new ArrayList<>();
            List<String> socketed = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            for (int event = 0; event < 3; event++) {
                LiveClients.ServerSentEvent sent = sse.next();
                cursors.add(sent.id());
                assertThat(sent.name()).isEqualTo("message");
                streamed.add(sent.json().path("id").asText());
                JsonNode message = socket.next();
                assertThat(message.path("type").asText()).isEqualTo("event");
                assertThat(message.path("cursor").asText()).isEqualTo(sent.id());
                socketed.add(message.path("event").path("id").asText());
            }
            assertThat(streamed).isEqualTo(listed).isEqualTo(socketed);
            assertThat(alice.get("/api/events?limit=1")
                            .json()
                            .path("meta")
                            .path("next_cursor")
                            .asText())
                    .as("an event's SSE id is the cursor the events API gives after it")
                    .isEqualTo(cursors.get(0));
        }
    }

    @Test
    void aStreamResumesAfterAReconnectWithoutAGap() {
        String lastId;
        try (LiveClients.EventStream sse = LiveClients.stream(base(), bearer(aliceUser), null)) {
            AssistantToolsIT.tool(alice, "First");
            lastId = sse.next().id();
        }
        // written while nobody listens
        AssistantToolsIT.tool(alice, "Second");
        AssistantToolsIT.tool(alice, "Third");
        List<String> all = EventsIT.field(EventsIT.awaitEvents(alice, "", 3), "id");
        List<String> missed =
                EventsIT.field(alice.get("/api/events?after=" + lastId).data(), "id");
        assertThat(missed).as("the SSE id is the events API's cursor").isEqualTo(all.subList(1, 3));

        try (LiveClients.EventStream again = LiveClients.stream(base(), bearer(aliceUser), lastId);
                LiveClients.LiveSocket socket = LiveClients.socket(base(), bearer(aliceUser), "?after=" + lastId)) {
            assertThat(socket.next().path("type").asText()).isEqualTo("ready");
            List<String> resumed = new ArrayList<>();
            List<String> socketed = new ArrayList<>();
            for (int event = 0; event < 2; event++) {
                resumed.add(again.next().json().path("id").asText());
                socketed.add(socket.next().path("event").path("id").asText());
            }
            assertThat(resumed).isEqualTo(missed);
            assertThat(socketed).isEqualTo(missed);
        }
    }

    @Test
    void anotherOrganizationsEventsNeverArrive() {
        try (LiveClients.EventStream sse = LiveClients.stream(base(), bearer(bobUser), null);
                LiveClients.LiveSocket socket = LiveClients.socket(base(), bearer(bobUser), "")) {
            assertThat(socket.next().path("type").asText()).isEqualTo("ready");
            String hers = AssistantToolsIT.tool(alice, "Hers");
            EventsIT.awaitEvents(alice, "", 1);
            String his = AssistantToolsIT.tool(bob, "His");

            assertThat(sse.next().json().path("resource").path("id").asText()).isEqualTo(his);
            assertThat(socket.next().path("event").path("resource").path("id").asText())
                    .isEqualTo(his);
            assertThat(sse.waiting()).isZero();
            assertThat(socket.waiting()).isZero();
            assertThat(hers).isNotEqualTo(his);
        }
    }

    @Test
    void aSocketWithoutAValidTokenOrWithABadCursorIsRefusedWithAReason() {
        try (LiveClients.LiveSocket socket = LiveClients.socket(base(), Map.of(), "")) {
            socket.send(Map.of("token", "not-a-token"));
            JsonNode refused = socket.next();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("unauthorized");
            assertThat(socket.closedWith()).isEqualTo(4400);
        }
        try (LiveClients.LiveSocket socket = LiveClients.socket(base(), bearer(aliceUser), "?after=garbage")) {
            JsonNode refused = socket.next();
            assertThat(refused.path("code").asText()).isEqualTo("validation_failed");
            assertThat(socket.closedWith()).isEqualTo(4400);
        }
        // as an EventSource asks: it accepts only text/event-stream, yet the refusal is the envelope
        Api.Response badId = alice.withHeader("Accept", "text/event-stream")
                .withHeader("Last-Event-ID", "garbage")
                .get("/api/events/stream");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.error().path("details").findValuesAsText("field")).containsExactly("Last-Event-ID");
        Api.Response stranger = api().withHeader("Accept", "text/event-stream").get("/api/events/stream");
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.error().path("code").asText()).isEqualTo("unauthorized");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Map<String, String> bearer(Api.User user) {
        return Map.of("Authorization", "Bearer " + user.token());
    }
}
