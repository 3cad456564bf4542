package io.voicepartner.query.tool;

import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.json.JsonConventions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@code query.tools} and of its executions and counters ({@code tool_executions},
 * {@code tool_usage}): configuration events are guarded by the tool's revision, usage by the execution's id.
 */
class ToolProjectorTest {

    private static final String OWNER = "owner-tools";

    private static ReadModelDatabase database;
    private static ToolProjector projector;
    private static ToolExecutionProjector usage;

    private final String toolId = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        ToolExecutions executions = new ToolExecutions(database.jdbc());
        projector = new ToolProjector(new ToolRows(database.jdbc(), JsonConventions.newObjectMapper()), executions);
        usage = new ToolExecutionProjector(executions);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void createTheTool() {
        apply(revision(1, new ToolCreated(toolId, OWNER, configuration("Weather", "secret-ciphertext-1234"))));
    }

    @Test
    void aCreatedToolIsARowAtRevisionOneWhoseCredentialsAreStoredOnlyMasked() {
        assertThat(column("name")).isEqualTo("Weather");
        assertThat(column("revision")).isEqualTo(1L);
        assertThat(column("headers").toString())
                .contains("Authorization", "1234")
                .doesNotContain("secret-ciphertext");
    }

    @Test
    void anUpdateReplacesTheConfigurationAndMovesTheRevision() {
        apply(revision(2, new ToolUpdated(toolId, OWNER, configuration("Forecast", "c-5678"), Set.of())));

        assertThat(column("name")).isEqualTo("Forecast");
        assertThat(column("revision")).isEqualTo(2L);
    }

    @Test
    void aRedeliveredOrStaleUpdateChangesNothing() {
        EventEnvelope second = revision(2, new ToolUpdated(toolId, OWNER, configuration("Second", "c-0000"), Set.of()));
        apply(second);
        apply(revision(3, new ToolUpdated(toolId, OWNER, configuration("Third", "c-0000"), Set.of())));

        apply(second);
        apply(revision(3, new ToolUpdated(toolId, OWNER, configuration("Third, delivered late", "c-0000"), Set.of())));

        assertThat(column("name")).isEqualTo("Third");
        assertThat(column("revision")).isEqualTo(3L);
    }

    @Test
    void eachExecutionIsCountedOnceHoweverOftenItIsDelivered() {
        EventEnvelope execution = revision(0, executionRecorded("exec-1", 120, Instant.parse("2026-03-02T10:00:00Z")));
        applyUsage(execution);
        applyUsage(execution);
        applyUsage(revision(0, executionRecorded("exec-2", 80, Instant.parse("2026-03-02T11:00:00Z"))));

        assertThat(usage())
                .isEqualTo(Map.of(
                        "total_calls",
                        2L,
                        "total_duration_ms",
                        200L,
                        "last_used",
                        java.sql.Timestamp.from(Instant.parse("2026-03-02T11:00:00Z"))));
        assertThat(column("revision")).as("usage moves no revision").isEqualTo(1L);
    }

    @Test
    void anExecutionStillInTheToolsOwnStreamCountsOnceAndPassesItsRevision() {
        EventEnvelope legacy =
                revision(2, new ToolExecuted(toolId, OWNER, "exec-legacy", null, 50, true, 200, occurredAt(2), false));
        apply(legacy);
        apply(legacy);

        assertThat(usage().get("total_calls")).isEqualTo(1L);
        assertThat(column("revision")).isEqualTo(2L);
    }

    @Test
    void aDeletedToolIsATombstoneUntilItIsRestored() {
        apply(revision(2, new ToolDeleted(toolId, OWNER)));
        apply(revision(2, new ToolUpdated(toolId, OWNER, configuration("Too late", "c-0000"), Set.of())));

        assertThat(column("deleted_at")).isNotNull();
        assertThat(column("name")).isEqualTo("Weather");

        apply(revision(3, new ToolRestored(toolId, OWNER, configuration("Weather again", "c-0000"))));

        assertThat(column("deleted_at")).isNull();
        assertThat(column("name")).isEqualTo("Weather again");
    }

    @Test
    void anEventForAToolWhoseCreationNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> apply(revision(2, new ToolDeleted(unseen, OWNER))))
                .isInstanceOf(ProjectionGapException.class);
    }

    private static ToolConfiguration configuration(String name, String credential) {
        return new ToolConfiguration(
                name,
                "What the weather is",
                "https://weather.example/api",
                HttpMethod.GET,
                "data",
                Map.of("type", "object"),
                Map.of("Accept", "application/json"),
                Map.of("Authorization", new SecretValue(credential, credential.substring(credential.length() - 4))),
                new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()),
                true);
    }

    private ToolExecutionRecorded executionRecorded(String executionId, long durationMs, Instant at) {
        return new ToolExecutionRecorded(toolId, OWNER, executionId, null, durationMs, true, 200, at, false);
    }

    private void apply(EventEnvelope envelope) {
        database.project(() -> projector.apply(envelope));
    }

    private void applyUsage(EventEnvelope envelope) {
        database.project(() -> usage.apply(envelope));
    }

    private Object column(String name) {
        return database.jdbc()
                .sql("SELECT " + name + " FROM query.tools WHERE id = ?")
                .param(toolId)
                .query()
                .singleRow()
                .get(name);
    }

    private Map<String, Object> usage() {
        return database.jdbc()
                .sql("SELECT total_calls, total_duration_ms, last_used FROM query.tool_usage " + "WHERE tool_id = ?")
                .param(toolId)
                .query()
                .singleRow();
    }
}
