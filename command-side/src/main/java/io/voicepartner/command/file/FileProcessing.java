package io.voicepartner.command.file;

import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.FailFileProcessing;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.command.lookup.FileLookups;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.storage.FileStorage;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What follows a file's events, once they are committed, in one tracking processor so that it happens in
 * store order: an uploaded file's text is extracted and stored beside its bytes, then its outcome is
 * recorded on the file ({@code FileProcessed} or {@code FileProcessingFailed}, actor {@code system}); a
 * deleted file's stored bytes and text are removed.
 *
 * <p>The processor's token moves in the transaction that records the outcome, so a file still
 * {@code uploading} when the platform stopped is extracted again on the next start. That is safe: the
 * text is stored under the file's own key (a second run replaces it) and the file records only its first
 * outcome. Reading the stored bytes is tried {@code extractionAttempts} times; a file whose content cannot
 * be read, or takes longer than {@code extractionTimeout}, is recorded as an error at once.
 */
@Component
@ProcessingGroup(FileProcessing.PROCESSING_GROUP)
class FileProcessing {

    static final String PROCESSING_GROUP = "file-processing";
    static final String ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(FileProcessing.class);

    private final FileStorage storage;
    private final FileLookups lookups;
    private final Commands commands;
    private final FileLimits limits;
    private final TextExtraction extraction;
    /** Extraction runs on a thread of its own so that it can be abandoned when it takes too long. */
    private final ExecutorService extractors = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "file-text-extraction");
        thread.setDaemon(true);
        return thread;
    });

    FileProcessing(FileStorage storage, FileLookups lookups, Commands commands, FileLimits limits) {
        this.storage = storage;
        this.lookups = lookups;
        this.commands = commands;
        this.limits = limits;
        this.extraction = new TextExtraction(limits.maxTextLength());
    }

    @EventHandler
    void on(FileUploaded event) throws IOException {
        if (lookups.stored(event.fileId()).map(FileLookups.Stored::deleted).orElse(true)) {
            return;
        }
        Path text = Files.createTempFile("voicepartner-text-", ".txt");
        try {
            Object outcome = outcomeOf(event, text);
            try {
                commands.send(outcome, ACTOR);
            } catch (AggregateNotFoundException e) {
                // deleted while it was read: its removal may have run already, so the text stored here goes too
                if (outcome instanceof CompleteFileProcessing complete) {
                    storage.delete(complete.textLocation());
                }
            }
        } finally {
            Files.deleteIfExists(text);
        }
    }

    @EventHandler
    void on(FileDeleted event) throws IOException {
        FileLookups.Stored stored = lookups.stored(event.fileId()).orElse(null);
        if (stored == null) {
            return;
        }
        storage.delete(stored.storageLocation());
        if (stored.textLocation() != null) {
            storage.delete(stored.textLocation());
        }
    }

    private Object outcomeOf(FileUploaded event, Path text) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                TextExtraction.Text extracted = extractInTime(event, text);
                String location;
                try (InputStream stored = Files.newInputStream(extracted.file())) {
                    location = storage.store(event.fileId() + ".txt", stored);
                }
                return new CompleteFileProcessing(event.fileId(), location, extracted.length(), extracted.sha256(),
                        extracted.preview());
            } catch (TextExtraction.Unreadable e) {
                log.info("File {} has no text: {}", event.fileId(), e.getMessage(), e.getCause());
                return new FailFileProcessing(event.fileId(), e.getMessage());
            } catch (IOException e) {
                if (attempt >= limits.extractionAttempts()) {
                    log.warn("Giving up reading file {} after {} attempts", event.fileId(), attempt, e);
                    return new FailFileProcessing(event.fileId(),
                            "The stored file could not be read; delete it and upload it again.");
                }
                log.info("Reading file {} failed (attempt {}), trying again: {}", event.fileId(), attempt,
                        e.getMessage());
            }
        }
    }

    private TextExtraction.Text extractInTime(FileUploaded event, Path text) throws IOException,
            TextExtraction.Unreadable {
        Future<TextExtraction.Text> running = extractors.submit(() -> {
            try (InputStream bytes = storage.open(event.storageLocation())) {
                return extraction.extract(bytes, event.fileType(), text);
            }
        });
        try {
            return running.get(limits.extractionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new TextExtraction.Unreadable("Reading its text took longer than "
                    + limits.extractionTimeout().toSeconds() + " s, so it was given up.");
        } catch (InterruptedException e) {
            // the platform stops: nothing is recorded, and the file is read again on the next start
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading file " + event.fileId(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TextExtraction.Unreadable unreadable) {
                throw unreadable;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            // a parser's bug (a runtime error on odd input) says nothing good about the file either
            throw TextExtraction.unreadable(event.fileType(), cause);
        }
    }

    @PreDestroy
    void stop() {
        extractors.shutdownNow();
    }
}
