package io.voicepartner.command.file;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.DeleteFile;
import io.voicepartner.api.file.FailFileProcessing;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.file.RestoreFile;
import io.voicepartner.api.file.UpdateFileDescription;
import io.voicepartner.api.file.UploadFile;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on changes to one knowledge file. Keeps its description because setting the same one again
 * records nothing, its revision because {@code If-Match} is checked against it, and whether its text
 * extraction has been recorded, because an extraction that runs again (after a restart) must not record
 * a second outcome, and what it was uploaded as, which a published assistant version freezes. Command
 * handlers answer the revision the file reached.
 *
 * <p>A deleted file stays loadable (it is not {@code markDeleted}) only so that asking to restore it is
 * answered with why it cannot be; every other command refuses it as Axon would a deleted one.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class File {

    @AggregateIdentifier
    private String fileId;

    private String ownerId;
    private long revision;
    private String description;
    private boolean extractionRecorded;
    /** What a published assistant version freezes of the file besides its description; never changes. */
    private FileUploaded upload;

    private boolean deleted;

    File() {
        // for Axon, which rebuilds the file from its events
    }

    @CommandHandler
    File(UploadFile command) {
        apply(new FileUploaded(
                command.fileId(),
                command.ownerId(),
                command.filename(),
                command.originalName(),
                command.fileType(),
                command.fileSize(),
                command.storageLocation(),
                command.description(),
                command.sha256()));
    }

    @CommandHandler
    long handle(CompleteFileProcessing command) {
        requireLive();
        if (!extractionRecorded) {
            apply(new FileProcessed(
                    fileId,
                    ownerId,
                    command.textLocation(),
                    command.textLength(),
                    command.textSha256(),
                    command.preview()));
        }
        return revision;
    }

    @CommandHandler
    long handle(FailFileProcessing command) {
        requireLive();
        if (!extractionRecorded) {
            apply(new FileProcessingFailed(fileId, ownerId, command.errorMessage()));
        }
        return revision;
    }

    @CommandHandler
    long handle(UpdateFileDescription command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        if (!Objects.equals(description, command.description())) {
            apply(new FileDescriptionUpdated(fileId, ownerId, command.description()));
        }
        return revision;
    }

    @CommandHandler
    long handle(DeleteFile command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        apply(new FileDeleted(fileId, ownerId, true));
        return revision;
    }

    /**
     * Always refused: deleting a file removed its bytes and extracted text from the file store (ADR 0011),
     * so there is nothing to bring back; the owner uploads it again.
     */
    @CommandHandler
    long handle(RestoreFile command) {
        requireOwnedBy(command.ownerId());
        if (!deleted) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "File '" + fileId + "' is not deleted; " + "only a deleted file could be restored.");
        }
        throw new Refusal(
                ErrorCode.CONFLICT,
                "File '" + fileId + "' cannot be restored: deleting it removed its "
                        + "stored bytes and text. Upload it again.");
    }

    @EventSourcingHandler
    void on(FileUploaded event) {
        fileId = event.fileId();
        ownerId = event.ownerId();
        description = event.description();
        upload = event;
        revision = 1;
    }

    @EventSourcingHandler
    void on(FileProcessed event) {
        extractionRecorded = true;
        revision++;
    }

    @EventSourcingHandler
    void on(FileProcessingFailed event) {
        extractionRecorded = true;
        revision++;
    }

    @EventSourcingHandler
    void on(FileDescriptionUpdated event) {
        description = event.description();
        revision++;
    }

    @EventSourcingHandler
    void on(FileDeleted event) {
        deleted = true;
        revision++;
    }

    /** What Axon throws for a deleted aggregate, so that callers (and the text extraction) see no difference. */
    private void requireLive() {
        if (deleted) {
            throw new AggregateDeletedException(fileId, "File '" + fileId + "' was deleted.");
        }
    }

    FrozenFile frozen(Map<String, Object> assignment) {
        return new FrozenFile(
                fileId,
                upload.filename(),
                upload.originalName(),
                upload.fileType(),
                upload.fileSize(),
                upload.sha256(),
                description,
                assignment);
    }

    boolean deleted() {
        return deleted;
    }

    private void requireOwnedBy(String caller) {
        if (!ownerId.equals(caller)) {
            throw Refusal.notFound("File", fileId);
        }
    }
}
