package io.voicepartner.query.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.query.history.HistoryProjector;
import io.voicepartner.query.history.HistoryRows;
import org.springframework.stereotype.Component;

/** A file's history: what {@link FileView} shows of it (never its text, which no event carries). */
@Component
class FileHistory extends HistoryProjector {

    FileHistory(HistoryRows rows, ObjectMapper objectMapper) {
        super(rows, objectMapper);
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.FILE;
    }

    @Override
    protected ObjectNode after(ObjectNode state, DomainEvent event) {
        if (event instanceof FileUploaded uploaded) {
            state.put("filename", uploaded.filename());
            state.put("original_name", uploaded.originalName());
            state.set("file_type", tree(uploaded.fileType()));
            state.put("content_type", uploaded.fileType().mediaType());
            state.put("file_size", uploaded.fileSize());
            state.put("sha256", uploaded.sha256());
            state.put("description", uploaded.description());
            state.set("status", tree(FileStatus.UPLOADING));
            state.putNull("error_message");
            state.putNull("extracted_text_length");
            state.putNull("extracted_text_preview");
        } else if (event instanceof FileProcessed processed) {
            state.set("status", tree(FileStatus.PROCESSED));
            state.put("extracted_text_length", processed.textLength());
            state.put("extracted_text_preview", processed.preview());
        } else if (event instanceof FileProcessingFailed failed) {
            state.set("status", tree(FileStatus.ERROR));
            state.put("error_message", failed.errorMessage());
        } else if (event instanceof FileDescriptionUpdated described) {
            state.put("description", described.description());
        } else if (!(event instanceof FileDeleted)) {
            throw new IllegalArgumentException(
                    "Unhandled file event " + event.getClass().getSimpleName());
        }
        return state;
    }

    @Override
    protected boolean deletes(DomainEvent event) {
        return event instanceof FileDeleted;
    }
}
