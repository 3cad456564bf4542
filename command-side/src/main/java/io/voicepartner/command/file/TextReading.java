package io.voicepartner.command.file;

import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.FailFileProcessing;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.support.storage.FileStorage;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an uploaded file's text within its limits and says how it ended, as the command that records it on
 * the file: {@link CompleteFileProcessing} with the text stored beside the bytes, or
 * {@link FailFileProcessing} with a reason for the owner. Reading the stored bytes is tried
 * {@code extractionAttempts} times (a store may fail for a moment); a file that takes longer than
 * {@code extractionTimeout} or has no readable text fails at once, since trying again would only repeat it.
 * Texts are read on a pool of {@code extractionThreads}: a reading given up stops at its deadline's next check
 * ({@link ExtractionDeadline}) and frees its thread, so given-up readings cannot pile up.
 */
class TextReading implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TextReading.class);

    private final FileStorage storage;
    private final FileLimits limits;
    private final TextExtraction extraction;
    /** Extraction runs on threads of its own so that the caller can stop waiting when it takes too long. */
    private final ExecutorService extractors;

    TextReading(FileStorage storage, FileLimits limits) {
        this.storage = storage;
        this.limits = limits;
        this.extraction = new TextExtraction(
                limits.maxTextLength(), limits.maxUnpackedSize().toBytes());
        this.extractors = Executors.newFixedThreadPool(limits.extractionThreads(), runnable -> {
            Thread thread = new Thread(runnable, "file-text-extraction");
            thread.setDaemon(true);
            return thread;
        });
    }

    Object outcomeOf(FileUploaded event) throws IOException {
        Path text = Files.createTempFile("voicepartner-text-", ".txt");
        try {
            return outcomeOf(event, text);
        } finally {
            Files.deleteIfExists(text);
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
                return new CompleteFileProcessing(
                        event.fileId(), location, extracted.length(), extracted.sha256(), extracted.preview());
            } catch (TextExtraction.Unreadable e) {
                log.info("File {} has no text: {}", event.fileId(), e.getMessage(), e.getCause());
                return new FailFileProcessing(event.fileId(), e.getMessage());
            } catch (IOException e) {
                if (attempt >= limits.extractionAttempts()) {
                    log.warn("Giving up reading file {} after {} attempts", event.fileId(), attempt, e);
                    return new FailFileProcessing(
                            event.fileId(), "The stored file could not be read; delete it and upload it again.");
                }
                log.info(
                        "Reading file {} failed (attempt {}), trying again: {}",
                        event.fileId(),
                        attempt,
                        e.getMessage());
            }
        }
    }

    private TextExtraction.Text extractInTime(FileUploaded event, Path text)
            throws IOException, TextExtraction.Unreadable {
        ExtractionDeadline deadline = ExtractionDeadline.after(limits.extractionTimeout());
        Future<TextExtraction.Text> running = extractors.submit(() -> {
            try (InputStream bytes = storage.open(event.storageLocation())) {
                return extraction.extract(bytes, event.fileType(), text, deadline);
            }
        });
        try {
            return running.get(limits.extractionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            deadline.giveUp();
            running.cancel(true);
            throw new TextExtraction.Unreadable(deadline.reason());
        } catch (InterruptedException e) {
            // the platform stops: nothing is recorded, and the file is read again on the next start
            deadline.giveUp();
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

    @Override
    public void close() {
        extractors.shutdownNow();
    }
}
