package io.voicepartner.query.file;

import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileEvent;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/** Keeps {@code query.files}; rows are stamped with the event's time and revision. */
@Component
class FileProjector implements Projector {

    private final FileRows rows;

    FileProjector(FileRows rows) {
        this.rows = rows;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.FILE;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        FileEvent event = (FileEvent) envelope.data();
        long revision = envelope.revision();
        boolean applied;
        if (event instanceof FileUploaded uploaded) {
            applied = rows.insert(uploaded, envelope.actor(), revision, envelope.occurredAt());
        } else if (event instanceof FileProcessed processed) {
            applied = rows.markProcessed(processed, revision, envelope.occurredAt());
        } else if (event instanceof FileProcessingFailed failed) {
            applied = rows.markFailed(failed.fileId(), failed.errorMessage(), revision, envelope.occurredAt());
        } else if (event instanceof FileDescriptionUpdated described) {
            applied = rows.describe(described.fileId(), described.description(), revision, envelope.occurredAt());
        } else if (event instanceof FileDeleted deleted) {
            applied = rows.markDeleted(deleted.fileId(), revision, envelope.occurredAt());
        } else {
            throw new IllegalArgumentException(
                    "Unhandled file event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), revision);
        }
    }
}
