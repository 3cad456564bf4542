package io.voicepartner.query.assistant;

import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.json.JsonConventions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@code query.assistants} and its relations ({@code assistant_tools}, {@code assistant_files}):
 * the assistant row's revision guards every change, its relations' included.
 */
class AssistantProjectorTest {

    private static final String OWNER = "owner-assistants";

    private static ReadModelDatabase database;
    private static AssistantProjector projector;

    private final String assistantId = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        projector = new AssistantProjector(new AssistantRows(database.jdbc(), JsonConventions.newObjectMapper()));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void createTheAssistant() {
        apply(revision(1, new AssistantCreated(assistantId, OWNER, configuration("Receptionist"))));
    }

    @Test
    void aCreatedAssistantIsARowAtRevisionOneStampedWithTheEventsTime() {
        assertThat(column("name")).isEqualTo("Receptionist");
        assertThat(column("revision")).isEqualTo(1L);
        assertThat(column("created_at")).isEqualTo(column("updated_at"));
        assertThat(database.jdbc()
                        .sql("SELECT updated_at FROM query.assistants WHERE id = ?")
                        .param(assistantId)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(occurredAt(1));
    }

    @Test
    void anUpdateReplacesTheConfigurationAndMovesTheRevision() {
        apply(revision(2, new AssistantUpdated(assistantId, OWNER, configuration("Front desk"), null)));

        assertThat(column("name")).isEqualTo("Front desk");
        assertThat(column("revision")).isEqualTo(2L);
    }

    @Test
    void toolsKeepTheOrderTheyWereAssignedInAcrossEvents() {
        apply(revision(2, new ToolsAssigned(assistantId, OWNER, List.of("tool-b", "tool-a"))));
        apply(revision(3, new ToolsAssigned(assistantId, OWNER, List.of("tool-c"))));
        apply(revision(4, new ToolUnassigned(assistantId, OWNER, "tool-a")));

        assertThat(tools()).containsExactly("tool-b", "tool-c");
        assertThat(column("revision")).isEqualTo(4L);
    }

    @Test
    void aRedeliveredAssignmentAddsNothingTwice() {
        EventEnvelope assigned = revision(2, new ToolsAssigned(assistantId, OWNER, List.of("tool-a")));
        apply(assigned);
        apply(revision(3, new ToolUnassigned(assistantId, OWNER, "tool-a")));

        apply(assigned);

        assertThat(tools()).isEmpty();
        assertThat(column("revision")).isEqualTo(3L);
    }

    @Test
    void aFileAssignmentKeepsItsConfigurationUntilTheFileIsUnassigned() {
        apply(revision(2, new FilesAssigned(assistantId, OWNER, List.of("file-1", "file-2"))));
        apply(revision(3, new FileAssignmentConfigured(assistantId, OWNER, "file-1", Map.of("priority", 1))));
        apply(revision(4, new FileUnassigned(assistantId, OWNER, "file-2")));

        assertThat(database.jdbc()
                        .sql("SELECT file_id || ' ' || config::text FROM query.assistant_files "
                                + "WHERE assistant_id = ? ORDER BY position")
                        .param(assistantId)
                        .query(String.class)
                        .list())
                .containsExactly("file-1 {\"priority\": 1}");
    }

    @Test
    void anEventBelowTheRowsRevisionIsStaleAndChangesNothing() {
        apply(revision(2, new AssistantUpdated(assistantId, OWNER, configuration("Second"), null)));
        apply(revision(3, new AssistantUpdated(assistantId, OWNER, configuration("Third"), null)));

        apply(revision(2, new AssistantUpdated(assistantId, OWNER, configuration("Second, again"), null)));
        apply(revision(3, new ToolsAssigned(assistantId, OWNER, List.of("tool-late"))));

        assertThat(column("name")).isEqualTo("Third");
        assertThat(tools()).isEmpty();
    }

    @Test
    void aDeletedAssistantIsATombstoneUntilARestoreBringsItBackWithItsRelations() {
        apply(revision(2, new ToolsAssigned(assistantId, OWNER, List.of("tool-a"))));
        apply(revision(3, new AssistantDeleted(assistantId, OWNER)));

        assertThat(column("deleted_at")).isNotNull();
        assertThat(projector.revisionOf(assistantId)).hasValue(3);

        apply(revision(
                4,
                new AssistantRestored(
                        assistantId,
                        OWNER,
                        configuration("Receptionist"),
                        List.of("tool-a", "tool-z"),
                        Map.of("file-1", Map.of()))));

        assertThat(column("deleted_at")).isNull();
        assertThat(tools()).containsExactly("tool-a", "tool-z");
    }

    @Test
    void anEventForAnAssistantWhoseCreationNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> apply(revision(2, new ToolsAssigned(unseen, OWNER, List.of("tool-a")))))
                .isInstanceOf(ProjectionGapException.class);
        assertThat(database.jdbc()
                        .sql("SELECT count(*) FROM query.assistant_tools WHERE assistant_id = ?")
                        .param(unseen)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    static AssistantConfiguration configuration(String name) {
        return new AssistantConfiguration(
                name,
                null,
                "Be brief.",
                "openai",
                "gpt-4o",
                0.3,
                500,
                null,
                null,
                null,
                null,
                null,
                "de-DE",
                null,
                "Hallo!",
                null,
                null,
                null,
                AssistantStatus.DRAFT,
                true,
                Map.of());
    }

    private void apply(EventEnvelope envelope) {
        database.project(() -> projector.apply(envelope));
    }

    private Object column(String name) {
        return database.jdbc()
                .sql("SELECT " + name + " FROM query.assistants WHERE id = ?")
                .param(assistantId)
                .query()
                .singleRow()
                .get(name);
    }

    private List<String> tools() {
        return database.jdbc()
                .sql("SELECT tool_id FROM query.assistant_tools WHERE assistant_id = ? ORDER BY position")
                .param(assistantId)
                .query(String.class)
                .list();
    }
}
