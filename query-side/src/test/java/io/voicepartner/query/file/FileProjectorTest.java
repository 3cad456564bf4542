package io.voicepartner.query.file;

import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.ReadModelDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@code query.files}: what each file event does to its row, and what a repeated or late one does. */
class FileProjectorTest {

    private static final String OWNER = "owner-files";

    private static ReadModelDatabase database;
    private static FileProjector projector;

    private final String fileId = UUID.randomUUID().toString();

    private record Row(
            String status,
            String description,
            String errorMessage,
            long textLength,
            long revision,
            Instant updatedAt,
            Instant deletedAt) {}

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        projector = new FileProjector(new FileRows(database.jdbc()));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void uploadTheFile() {
        apply(revision(
                1,
                new FileUploaded(
                        fileId,
                        OWNER,
                        "notes.txt",
                        "Notes.txt",
                        FileType.TXT,
                        42,
                        "files/" + fileId,
                        "first draft",
                        "ab".repeat(32))));
    }

    @Test
    void anUploadIsAFileStillBeingProcessedStampedWithItsRevisionAndTime() {
        assertThat(row()).isEqualTo(new Row("uploading", "first draft", null, 0, 1, occurredAt(1), null));
    }

    @Test
    void eachLaterEventMovesTheRowToItsRevisionAndTime() {
        apply(revision(2, processed()));
        apply(revision(3, new FileDescriptionUpdated(fileId, OWNER, "final")));

        assertThat(row()).isEqualTo(new Row("processed", "final", null, 1200, 3, occurredAt(3), null));
    }

    @Test
    void aFailedExtractionKeepsItsReason() {
        apply(revision(2, new FileProcessingFailed(fileId, OWNER, "the PDF is encrypted")));

        assertThat(row().status()).isEqualTo("error");
        assertThat(row().errorMessage()).isEqualTo("the PDF is encrypted");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        EventEnvelope described = revision(2, new FileDescriptionUpdated(fileId, OWNER, "second draft"));
        apply(described);
        Row once = row();

        apply(described);
        apply(revision(
                1,
                new FileUploaded(
                        fileId,
                        OWNER,
                        "other.txt",
                        "Other.txt",
                        FileType.TXT,
                        1,
                        "elsewhere",
                        "an upload delivered again",
                        "cd".repeat(32))));

        assertThat(row()).isEqualTo(once);
    }

    @Test
    void anEventAtOrBelowTheRowsRevisionIsStaleAndChangesNothing() {
        apply(revision(2, processed()));
        apply(revision(3, new FileDescriptionUpdated(fileId, OWNER, "final")));
        Row current = row();

        apply(revision(2, new FileDescriptionUpdated(fileId, OWNER, "an older description")));
        apply(revision(3, new FileProcessingFailed(fileId, OWNER, "a stale failure")));

        assertThat(row()).isEqualTo(current);
    }

    @Test
    void aDeletedFileStaysATombstoneThatAnOlderEventCannotBringBack() {
        apply(revision(2, new FileDeleted(fileId, OWNER, true)));
        apply(revision(2, processed()));

        assertThat(row()).isEqualTo(new Row("uploading", "first draft", null, 0, 2, occurredAt(2), occurredAt(2)));
        assertThat(new FileRows(database.jdbc()).find(OWNER, fileId)).isEmpty();
        assertThat(projector.revisionOf(fileId)).hasValue(2);
    }

    @Test
    void anEventForAFileWhoseUploadNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> apply(revision(2, new FileDescriptionUpdated(unseen, OWNER, "too early"))))
                .isInstanceOf(ProjectionGapException.class)
                .hasMessageContaining(unseen);
        assertThat(projector.revisionOf(unseen)).isEmpty();
    }

    private FileProcessed processed() {
        return new FileProcessed(fileId, OWNER, "texts/" + fileId, 1200, "ef".repeat(32), "The first lines");
    }

    private void apply(EventEnvelope envelope) {
        database.project(() -> projector.apply(envelope));
    }

    private Row row() {
        return database.jdbc()
                .sql("SELECT status, description, error_message, text_length, revision, updated_at, "
                        + "deleted_at FROM query.files WHERE id = ?")
                .param(fileId)
                .query((rs, n) -> new Row(
                        rs.getString("status"),
                        rs.getString("description"),
                        rs.getString("error_message"),
                        rs.getLong("text_length"),
                        rs.getLong("revision"),
                        instant(rs.getTimestamp("updated_at")),
                        instant(rs.getTimestamp("deleted_at"))))
                .single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
