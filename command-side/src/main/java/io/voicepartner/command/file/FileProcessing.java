package io.voicepartner.command.file;

import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.command.lookup.FileLookups;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.storage.BackupLock;
import io.voicepartner.support.storage.FileStorage;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What follows a file's events, once they are committed, in a tracking processor whose segments keep each
 * file's events in order while different files are read in parallel: an uploaded file's text is extracted and stored beside its bytes, then its outcome is
 * recorded on the file ({@code FileProcessed} or {@code FileProcessingFailed}, actor {@code system}); a
 * deleted file's stored bytes and text are removed, once no backup is copying them ({@link BackupLock}).
 *
 * <p>The processor's token moves in the transaction that records the outcome, so a file still
 * {@code uploading} when the platform stopped is extracted again on the next start. That is safe: the
 * text is stored under the file's own key (a second run replaces it) and the file records only its first
 * outcome. How the text is read, within which limits, is {@link TextReading}'s.
 */
@Component
@ProcessingGroup(FileProcessing.PROCESSING_GROUP)
class FileProcessing {

    static final String PROCESSING_GROUP = "file-processing";
    static final String ACTOR = "system";

    private final FileStorage storage;
    private final FileLookups lookups;
    private final Commands commands;
    private final TextReading reading;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    FileProcessing(
            FileStorage storage,
            FileLookups lookups,
            Commands commands,
            FileLimits limits,
            JdbcClient jdbc,
            TransactionTemplate transaction) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lookups = lookups;
        this.commands = commands;
        this.reading = new TextReading(storage, limits);
    }

    @EventHandler
    void on(FileUploaded event) throws IOException {
        if (lookups.stored(event.fileId()).map(FileLookups.Stored::deleted).orElse(true)) {
            return;
        }
        Object outcome = reading.outcomeOf(event);
        try {
            commands.send(outcome, ACTOR);
        } catch (AggregateNotFoundException e) {
            // deleted while it was read: its removal may have run already, so the text stored here goes too
            if (outcome instanceof CompleteFileProcessing complete) {
                storage.delete(complete.textLocation());
            }
        }
    }

    @EventHandler
    void on(FileDeleted event) {
        FileLookups.Stored stored = lookups.stored(event.fileId()).orElse(null);
        if (stored == null) {
            return;
        }
        // a backup copying the store names this file live in its snapshot: its bytes stay until it has copied them
        transaction.executeWithoutResult(status -> {
            jdbc.sql(BackupLock.WAIT).query().singleRow();
            try {
                storage.delete(stored.storageLocation());
                if (stored.textLocation() != null) {
                    storage.delete(stored.textLocation());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @PreDestroy
    void stop() {
        reading.close();
    }
}
