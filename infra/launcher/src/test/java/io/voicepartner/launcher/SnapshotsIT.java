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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Snapshots (ADR 0018) on a platform of its own that takes one every {@value #THRESHOLD} events: an assistant
 * and a tool edited past that are loaded from their snapshot afterwards and decide exactly as when they were
 * replayed from their events (revisions, {@code If-Match}, a re-assignment that changes nothing, restores), and
 * a snapshot of another revision or a damaged one is ignored: the aggregate is replayed and a current snapshot
 * written at the next trigger.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SnapshotsIT {

    private static final int THRESHOLD = 5;
    private static final String TOKEN = "sk_live_snapshot_canary_7Hq2";
    /** Stopped at exit rather than after the class, so that it outlives the platform it serves. */
    private static final LocalKafka kafka = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Api alice;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.newDatabase().register(properties);
        properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        properties.add("voicepartner.snapshots.threshold", () -> Integer.toString(THRESHOLD));
    }

    @BeforeEach
    void signUp() {
        Api api = new Api("http://127.0.0.1:" + port);
        alice = api.as(api.signUp());
    }

    @Test
    void aToolLoadedFromItsSnapshotDecidesAsWhenReplayedAndItsCredentialStaysEncrypted() {
        String tool = alice.post(
                        "/api/tools",
                        Map.of(
                                "name",
                                "Calendar",
                                "endpoint",
                                "https://calendar.example.com",
                                "parameters",
                                Map.of("type", "object", "properties", Map.of("days", Map.of("type", "integer"))),
                                "authentication",
                                Map.of("type", "bearer", "token", TOKEN)))
                .data()
                .path("id")
                .asText();
        long revision = edit("/api/tools/" + tool, 1, THRESHOLD + 1);
        Snapshot snapshot = awaitSnapshot(tool);
        assertThat(snapshot.revision()).isEqualTo("1");
        assertThat(snapshot.payloadType()).isEqualTo("io.voicepartner.command.tool.Tool");
        assertThat(snapshot.json()).doesNotContain(TOKEN).contains("ciphertext");

        // a test call reads the tool's stream, which now starts with the snapshot: its parameters are still known
        Api.Response refused = alice.post("/api/tools/" + tool + "/test", Map.of("arguments", Map.of("days", "many")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("details").findValuesAsText("field")).containsExactly("arguments.days");

        Api.Response stale = ifMatch(revision - 1).patch("/api/tools/" + tool, Map.of("description", "stale"));
        Api.Response edited = ifMatch(revision).patch("/api/tools/" + tool, Map.of("description", "current"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo(etag(revision + 1));
        assertThat(edited.data().path("authentication").path("token").asText())
                .isEqualTo("••••" + TOKEN.substring(TOKEN.length() - 4));

        assertThat(ifMatch(revision + 1).delete("/api/tools/" + tool).status()).isEqualTo(200);
        Api.Response restored = alice.post("/api/tools/" + tool + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.data().path("revision").asLong()).isEqualTo(revision + 3);
        assertThat(restored.data().path("description").asText()).isEqualTo("current");
        assertThat(restored.data().path("authentication").path("token").asText())
                .endsWith(TOKEN.substring(TOKEN.length() - 4));
    }

    @Test
    void anAssistantLoadedFromItsSnapshotKeepsItsToolsAndVersionsAndRestoresAsWhenReplayed() {
        String tool = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://weather.example.com"))
                .data()
                .path("id")
                .asText();
        String assistant = alice.post(
                        "/api/assistants", Map.of("name", "Front desk", "temperature", 0.4, "tool_ids", List.of(tool)))
                .data()
                .path("id")
                .asText();
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of("note", "go-live"))
                        .status())
                .isEqualTo(201);
        // created, tool assigned, deployed, version 1 published
        long revision = edit("/api/assistants/" + assistant, 4, THRESHOLD + 1);
        awaitSnapshot(assistant);

        Api.Response reassigned =
                alice.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(tool)));
        assertThat(reassigned.data().path("revision").asLong())
                .as("assigning it again records nothing")
                .isEqualTo(revision);
        assertThat(ifMatch(revision - 1)
                        .patch("/api/assistants/" + assistant, Map.of("name", "stale"))
                        .status())
                .isEqualTo(412);
        Api.Response versionRestored =
                ifMatch(revision).post("/api/assistants/" + assistant + "/versions/1/restore", null);
        assertThat(versionRestored.status()).as(versionRestored.toString()).isEqualTo(200);
        JsonNode restored = versionRestored.data();
        assertThat(restored.path("name").asText()).isEqualTo("Front desk");
        assertThat(restored.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(restored.path("tools").findValuesAsText("id")).containsExactly(tool);
        long afterRestore = restored.path("revision").asLong();
        assertThat(afterRestore).isEqualTo(revision + 2);

        assertThat(ifMatch(afterRestore).delete("/api/assistants/" + assistant).status())
                .isEqualTo(200);
        Api.Response undeleted = alice.post("/api/assistants/" + assistant + "/restore", null);
        assertThat(undeleted.status()).as(undeleted.toString()).isEqualTo(200);
        assertThat(undeleted.data().path("name").asText()).isEqualTo("Front desk");
        assertThat(undeleted.data().path("tools").findValuesAsText("id")).containsExactly(tool);
        assertThat(alice.get("/api/assistants/" + assistant).header("ETag")).isEqualTo(etag(afterRestore + 2));
    }

    @Test
    void aSnapshotOfAnotherRevisionOrDamagedIsIgnoredAndReplacedByACurrentOne() {
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String tool = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://weather.example.com"))
                .data()
                .path("id")
                .asText();
        // exactly THRESHOLD events each: the last edit triggers their only snapshot, at its sequence number
        long assistantRevision = edit("/api/assistants/" + assistant, 1, THRESHOLD - 1);
        long toolRevision = edit("/api/tools/" + tool, 1, THRESHOLD - 1);
        long staleAt = awaitSnapshot(assistant, THRESHOLD - 1).sequence();
        long damagedAt = awaitSnapshot(tool, THRESHOLD - 1).sequence();
        jdbc.update(
                "UPDATE command.snapshot_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ?",
                assistant);
        jdbc.update(
                "UPDATE command.snapshot_event_entry SET payload = convert_to('{\"not\": [an aggregate', 'UTF8') "
                        + "WHERE aggregate_identifier = ?",
                tool);

        Api.Response assistantEdited =
                ifMatch(assistantRevision).patch("/api/assistants/" + assistant, Map.of("name", "Reception"));
        Api.Response toolEdited = ifMatch(toolRevision).patch("/api/tools/" + tool, Map.of("description", "hourly"));

        assertThat(assistantEdited.status()).as(assistantEdited.toString()).isEqualTo(200);
        assertThat(assistantEdited.header("ETag")).isEqualTo(etag(assistantRevision + 1));
        assertThat(toolEdited.status()).as(toolEdited.toString()).isEqualTo(200);
        assertThat(toolEdited.header("ETag")).isEqualTo(etag(toolRevision + 1));
        // loading them replayed every event, which is past the threshold: a current snapshot replaces the bad one
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(snapshots(assistant)).singleElement().satisfies(s -> {
                        assertThat(s.revision()).isEqualTo("1");
                        assertThat(s.sequence()).isGreaterThan(staleAt);
                    });
                    assertThat(snapshots(tool)).singleElement().satisfies(s -> {
                        assertThat(s.json()).startsWith("{");
                        assertThat(s.sequence()).isGreaterThan(damagedAt);
                    });
                });
        assertThat(alice.get("/api/assistants/" + assistant).data().path("name").asText())
                .isEqualTo("Reception");
    }

    /** Edits the description this many times, each guarded by the revision before it; answers the last. */
    private long edit(String path, long revision, int times) {
        for (int edit = 1; edit <= times; edit++) {
            Api.Response edited = ifMatch(revision).patch(path, Map.of("description", "edit " + edit));
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            revision = edited.data().path("revision").asLong();
        }
        return revision;
    }

    private Api ifMatch(long revision) {
        return alice.withHeader("If-Match", etag(revision));
    }

    private static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    private record Snapshot(long sequence, String payloadType, String revision, String json) {}

    /** A snapshot is taken after the command commits, on a thread of its own: it appears shortly after. */
    private Snapshot awaitSnapshot(String aggregateId) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> snapshots(aggregateId), list -> !list.isEmpty())
                .get(0);
    }

    private Snapshot awaitSnapshot(String aggregateId, long sequence) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> snapshots(aggregateId), list -> list.stream().anyMatch(s -> s.sequence() == sequence))
                .get(0);
    }

    private List<Snapshot> snapshots(String aggregateId) {
        return jdbc.query(
                "SELECT sequence_number, payload_type, payload_revision, payload "
                        + "FROM command.snapshot_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, n) -> new Snapshot(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        new String(row.getBytes(4), StandardCharsets.UTF_8)),
                aggregateId);
    }
}
