package io.voicepartner.query.history;

import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.json.JsonConventions;
import io.voicepartner.support.web.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ?as_of=} and {@code ?revision=}: a resource's state as the history recorded it then. One file lives
 * through four revisions a minute apart ({@link io.voicepartner.query.consuming.Envelopes#occurredAt}): uploaded,
 * described twice, deleted.
 */
class PointInTimeTest {

    private static final String OWNER = "owner-history";
    private static final String FILE = UUID.randomUUID().toString();

    private static ReadModelDatabase database;
    private static PointInTime pointInTime;

    @BeforeAll
    static void recordAFilesLife() {
        database = ReadModelDatabase.create();
        pointInTime = new PointInTime(new HistoryRows(database.jdbc(), JsonConventions.newObjectMapper()));
        List<Projector> fileProjectors = database.projectors().stream()
                .filter(projector -> projector.aggregateType() == AggregateType.FILE)
                .toList();
        for (EventEnvelope envelope : List.of(
                revision(
                        1,
                        new FileUploaded(
                                FILE,
                                OWNER,
                                "notes.txt",
                                "Notes.txt",
                                FileType.TXT,
                                42,
                                "files/n",
                                "first",
                                "ab".repeat(32))),
                revision(2, new FileDescriptionUpdated(FILE, OWNER, "second")),
                revision(3, new FileDescriptionUpdated(FILE, OWNER, "third")),
                revision(4, new FileDeleted(FILE, OWNER, true)))) {
            database.project(() -> fileProjectors.forEach(projector -> projector.apply(envelope)));
        }
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void withoutEitherParameterItIsTodaysReadAndNotAPointInTime() {
        assertThat(state(null, null)).isEmpty();
    }

    @Test
    void aRevisionIsTheStateRecordedAfterThatEvent() {
        ObjectNode second = state(null, "2").orElseThrow();

        assertThat(second.path("description").asText()).isEqualTo("second");
        assertThat(second.path("revision").asLong()).isEqualTo(2);
        assertThat(second.path("created_at").asText()).isEqualTo(occurredAt(1).toString());
        assertThat(second.path("updated_at").asText()).isEqualTo(occurredAt(2).toString());
    }

    @Test
    void anInstantIsTheStateAfterTheLatestEventAtOrBeforeIt() {
        assertThat(state(occurredAt(3).minusSeconds(1).toString(), null)
                        .orElseThrow()
                        .path("revision")
                        .asLong())
                .isEqualTo(2);
        assertThat(state(occurredAt(3).toString(), null)
                        .orElseThrow()
                        .path("revision")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void anOffsetWhosePlusTheQueryStringTurnedIntoASpaceIsTakenBack() {
        assertThat(state("2026-03-01T10:02:30 01:00", null)
                        .orElseThrow()
                        .path("description")
                        .asText())
                .isEqualTo("third");
    }

    @Test
    void beforeTheFirstEventTheResourceDidNotExistYet() {
        assertThatThrownBy(() -> state(occurredAt(1).minusSeconds(1).toString(), null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("did not exist yet");
    }

    @Test
    void afterItsDeletionTheResourceHasNoStateThoughItsHistoryRemains() {
        assertThatThrownBy(() -> state(null, "4"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("was deleted at that point (revision 4)");
        assertThat(state(null, "3")).isPresent();
    }

    @Test
    void aRevisionBeyondTheLatestIsNotFoundNamingTheLatest() {
        assertThatThrownBy(() -> state(null, "9")).hasMessageContaining("has no revision 9 (its latest is 4)");
    }

    @Test
    void anotherOwnersResourceIsNotFoundAtAnyPointInTime() {
        assertThatThrownBy(() -> pointInTime.state(AggregateType.FILE, "File", "someone-else", FILE, null, "1"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThatThrownBy(() -> state("yesterday", null))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .extracting(detail -> detail.field())
                                .containsExactly("as_of"));
        assertThatThrownBy(() -> state(null, "0"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .extracting(detail -> detail.field())
                                .containsExactly("revision"));
        assertThatThrownBy(() -> state(occurredAt(2).toString(), "2"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    private static Optional<ObjectNode> state(String asOf, String revision) {
        return pointInTime.state(AggregateType.FILE, "File", OWNER, FILE, asOf, revision);
    }
}
