package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cursor a client stored survives a restore of the platform (ADR 0041): on the events API, Server-Sent Events and
 * the WebSocket it continues exactly after its last event, and a cursor whose last event the restore lost is
 * {@code 410 gone} naming the field it came in. It continues in the restored feed's order, which is the replay's: in
 * order per resource, as every feed, not necessarily across resources as the feed first served them.
 *
 * <p>The restore is done where it touches the feed, which is all a cursor sees of it: the query schema's feed made
 * again with a new generation, and the organization's events inserted anew, in another order than they first were
 * (the replay's), under the low transaction ids of a cluster that has just been created, below the cursor stored
 * before. {@code WebhookRestoreFaultIT} and {@code BackupRestoreIT} do whole restores; their feeds end in the same
 * state, but a whole restore costs two platform starts and proves nothing more about a cursor. On the operations
 * platform: replacing the feed's generation acts on every organization's cursors.
 */
class FeedRestoreIT extends OperationsPlatformIT {

    private Api.User aliceUser;
    private Api alice;
    /** Alice's changes before the restore, by their event ids, in the order the feed first served them. */
    private List<String> before;

    @BeforeEach
    void fiveChanges() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        String tool = AssistantToolsIT.tool(alice, "Calendar");
        assertThat(alice.patch("/api/tools/" + tool, Map.of("name", "Diary")).status())
                .isEqualTo(200);
        String assistant = created(alice.post("/api/assistants", Map.of("name", "Front desk")));
        assertThat(alice.patch("/api/assistants/" + assistant, Map.of("name", "Reception"))
                        .status())
                .isEqualTo(200);
        AssistantToolsIT.tool(alice, "Weather");
        before = EventsIT.field(EventsIT.awaitEvents(alice, "", 5), "id");
    }

    @Test
    void aStoredCursorContinuesAfterItsLastEventOnTheEventsApiAndTheStreams() throws SQLException {
        String stored = nextCursor(alice.get("/api/events?limit=3"));
        String lastEventId;
        try (LiveClients.EventStream sse =
                LiveClients.stream(base(), bearer(), nextCursor(alice.get("/api/events?limit=2")))) {
            LiveClients.ServerSentEvent third = sse.next();
            assertThat(third.json().path("id").asText()).isEqualTo(before.get(2));
            lastEventId = third.id();
        }
        // as a client running since before generations keeps it
        String issuedBeforeGenerations = firstFormat(before.get(2));
        assertThat(ids(alice.get("/api/events?after=" + issuedBeforeGenerations)))
                .isEqualTo(before.subList(3, 5));

        restore(aliceUser.id(), List.of(4, 2, 0, 3, 1));

        Api.Response resumed = alice.get("/api/events?after=" + stored);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        // in the restored feed's order, which is the replay's: in order per resource, not across them
        assertThat(ids(resumed))
                .as("exactly what followed the third event")
                .containsExactlyInAnyOrderElementsOf(before.subList(3, 5));
        String afterTheRestore = nextCursor(resumed);
        assertThat(ids(alice.get("/api/events?after=" + afterTheRestore))).isEmpty();

        try (LiveClients.EventStream sse = LiveClients.stream(base(), bearer(), lastEventId);
                LiveClients.LiveSocket socket = LiveClients.socket(base(), bearer(), "?after=" + stored)) {
            assertThat(socket.next().path("type").asText()).isEqualTo("ready");
            String tool = AssistantToolsIT.tool(alice, "Made after the restore");

            List<String> streamed = new ArrayList<>();
            List<String> socketed = new ArrayList<>();
            for (int event = 0; event < 3; event++) {
                streamed.add(sse.next().json().path("id").asText());
                socketed.add(socket.next().path("event").path("id").asText());
            }
            JsonNode made = EventsIT.awaitEvents(alice, "", 6).get(5);
            assertThat(made.path("resource").path("id").asText()).isEqualTo(tool);
            assertThat(streamed.subList(0, 2))
                    .as("Server-Sent Events after Last-Event-ID, as the events API")
                    .isEqualTo(ids(resumed));
            assertThat(streamed.get(2)).isEqualTo(made.path("id").asText());
            assertThat(socketed).as("the WebSocket after ?after=").isEqualTo(streamed);
            assertThat(ids(alice.get("/api/events?after=" + afterTheRestore)))
                    .as("the events API after the cursor it gave after the restore")
                    .containsExactly(made.path("id").asText());
        }
    }

    @Test
    void aCursorWhoseLastEventTheRestoreLostIsGoneOnEveryChannel() throws SQLException {
        String stored = nextCursor(alice.get("/api/events"));
        String stillThere = nextCursor(alice.get("/api/events?limit=4"));

        // the backup was taken before the fifth change: the restored platform never had it
        restore(aliceUser.id(), List.of(3, 1, 2, 0));

        Api.Response gone = alice.get("/api/events?after=" + stored);
        assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
        assertThat(gone.error().path("code").asText()).isEqualTo("gone");
        assertThat(gone.error().path("details").findValuesAsText("field")).containsExactly("after");
        assertThat(gone.error().path("details").get(0).path("message").asText()).contains(before.get(4));

        Api.Response stream = alice.withHeader("Accept", "text/event-stream")
                .withHeader("Last-Event-ID", stored)
                .get("/api/events/stream");
        assertThat(stream.status()).as(stream.toString()).isEqualTo(410);
        assertThat(stream.error().path("details").findValuesAsText("field")).containsExactly("Last-Event-ID");

        try (LiveClients.LiveSocket socket = LiveClients.socket(base(), bearer(), "?after=" + stored)) {
            JsonNode refused = socket.next();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("gone");
            assertThat(refused.path("message").asText()).startsWith("after");
            assertThat(socket.closedWith()).isEqualTo(4400);
        }

        assertThat(ids(alice.get("/api/events?after=" + stillThere)))
                .as("a cursor whose event the restore kept, at the end of the restored feed")
                .isEmpty();
    }

    /**
     * The organization's feed as a restore leaves it: a new generation of the feed, and the events of {@code kept}
     * (indexes into {@link #before}, in the order given) inserted again, each by a transaction of its own with an id
     * as low as a new cluster's.
     */
    private void restore(String organization, List<Integer> kept) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE restored AS SELECT * FROM query.events WHERE organization_id = '"
                    + organization + "'");
            statement.execute("DELETE FROM query.events WHERE organization_id = '" + organization + "'");
            statement.execute(
                    "UPDATE query.feed_generation SET id = substr(md5(CAST(gen_random_uuid() AS text)), 1, 16)");
            long transaction = 1000;
            for (int index : kept) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO query.events (id, "
                        + "transaction_id, organization_id, type, occurred_at, resource_type, resource_id, revision, "
                        + "actor, object, changes) SELECT id, CAST(CAST(? AS text) AS xid8), organization_id, type, "
                        + "occurred_at, resource_type, resource_id, revision, actor, object, changes FROM restored "
                        + "WHERE id = ?")) {
                    insert.setLong(1, transaction++);
                    insert.setString(2, before.get(index));
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            statement.execute("DROP TABLE restored");
        }
    }

    /** A cursor after the event as the platform issued them before generations: {@code e1.<transaction>.<position>}. */
    private String firstFormat(String eventId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT CAST(transaction_id AS text), position FROM query.events WHERE id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("e1." + row.getString(1) + "." + row.getLong(2)).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private Connection connect() throws SQLException {
        TestInfrastructure.Database database = database();
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return EventsIT.field(page.data(), "id");
    }

    private static String nextCursor(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("meta").path("next_cursor").asText();
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + aliceUser.token());
    }
}
