package io.voicepartner.command.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.util.unit.DataSize.ofMegabytes;

import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.FailFileProcessing;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.support.storage.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits on reading a file's text, against stores that misbehave: one whose bytes never finish
 * arriving (a hostile document that keeps a parser busy looks the same from here), and one that fails for
 * a while or for good.
 */
class TextReadingTest {

    private static final String TEXT = "Sprechzeiten: Montag 8–12 Uhr";
    private static final Duration TIME_LIMIT = Duration.ofMillis(300);
    private static final int ATTEMPTS = 3;

    private final Storage storage = new Storage();
    private final TextReading reading = new TextReading(
            storage, new FileLimits(ofMegabytes(25), TIME_LIMIT, 10_000, ATTEMPTS, 1, ofMegabytes(200)));

    @AfterEach
    void close() {
        reading.close();
    }

    @Test
    void aFileWhoseTextTakesLongerThanTheTimeLimitFailsAndItsReadingIsAbandoned() throws Exception {
        NeverEndingStream endless = new NeverEndingStream();
        storage.content = () -> endless;

        Object outcome = reading.outcomeOf(uploaded());

        assertThat(outcome)
                .isEqualTo(
                        new FailFileProcessing("f-1", "Reading its text took longer than 300 ms, so it was given up."));
        // stopped by the interrupt if it was waiting for bytes, or by the deadline before it asked for them
        await().atMost(Duration.ofSeconds(30)).until(() -> endless.closed);
        assertThat(storage.opened).hasValue(1);
    }

    /**
     * A text without end, its bytes arriving as fast as they are read, and no limit on its length to stop it: the
     * plain-text parser never asks whether it was interrupted, so only the deadline's checks can end it. The file
     * fails at the time limit, and the reading really stops, closing the stored bytes and freeing the pool's only
     * thread for the next file.
     */
    @Test
    void aReadingThatIsGivenUpStopsAndFreesItsThread() throws Exception {
        EndlessText endless = new EndlessText();
        storage.content = () -> endless;
        try (TextReading unlimited = new TextReading(
                storage,
                new FileLimits(ofMegabytes(25), TIME_LIMIT, Integer.MAX_VALUE, ATTEMPTS, 1, ofMegabytes(200)))) {

            Object outcome = unlimited.outcomeOf(uploaded());

            assertThat(outcome)
                    .isEqualTo(new FailFileProcessing(
                            "f-1", "Reading its text took longer than 300 ms, so it was given up."));
            await().atMost(Duration.ofSeconds(30)).until(() -> endless.closed);
            long readsWhenClosed = endless.reads.get();
            storage.content = () -> new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8));
            assertThat(unlimited.outcomeOf(uploaded())).isInstanceOf(CompleteFileProcessing.class);
            assertThat(endless.reads.get())
                    .as("reads after the stream was closed")
                    .isEqualTo(readsWhenClosed);
        }
    }

    @Test
    void aStoreThatFailsForAMomentIsTriedAgain() throws Exception {
        storage.failuresBeforeSuccess = ATTEMPTS - 1;

        Object outcome = reading.outcomeOf(uploaded());

        assertThat(outcome).isInstanceOfSatisfying(CompleteFileProcessing.class, complete -> {
            assertThat(complete.textLocation()).isEqualTo("mem://f-1.txt");
            assertThat(complete.textLength()).isGreaterThanOrEqualTo(TEXT.length());
        });
        assertThat(storage.stored.get("f-1.txt")).contains(TEXT);
        assertThat(storage.opened).hasValue(ATTEMPTS);
    }

    @Test
    void aStoreThatKeepsFailingEndsInAnErrorAfterTheLastAttempt() throws Exception {
        storage.failuresBeforeSuccess = Integer.MAX_VALUE;

        Object outcome = reading.outcomeOf(uploaded());

        assertThat(outcome)
                .isEqualTo(new FailFileProcessing(
                        "f-1", "The stored file could not be read; delete it and upload it again."));
        assertThat(storage.opened).hasValue(ATTEMPTS);
        assertThat(storage.stored).isEmpty();
    }

    private static FileUploaded uploaded() {
        return new FileUploaded(
                "f-1",
                "u-1",
                "f-1.txt",
                "Sprechzeiten.txt",
                FileType.TXT,
                TEXT.length(),
                "mem://f-1",
                null,
                "0".repeat(64));
    }

    /** A store in memory whose reads can be made to fail or to hang. */
    private static final class Storage implements FileStorage {

        interface Content {
            InputStream open() throws IOException;
        }

        final Map<String, String> stored = new HashMap<>();
        final AtomicInteger opened = new AtomicInteger();
        int failuresBeforeSuccess;
        Content content = () -> new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8));

        @Override
        public String store(String key, InputStream bytes) throws IOException {
            stored.put(key, new String(bytes.readAllBytes(), StandardCharsets.UTF_8));
            return "mem://" + key;
        }

        @Override
        public InputStream open(String location) throws IOException {
            if (opened.incrementAndGet() <= failuresBeforeSuccess) {
                throw new IOException("connection reset");
            }
            return content.open();
        }

        @Override
        public void delete(String location) {
            stored.remove(location.substring("mem://".length()));
        }
    }

    /** Words for ever, as fast as they are read; interrupts are not its business. */
    private static final class EndlessText extends InputStream {

        final AtomicLong reads = new AtomicLong();
        volatile boolean closed;

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            reads.incrementAndGet();
            Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            return length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Bytes that never come, until the reader is interrupted. */
    private static final class NeverEndingStream extends InputStream {

        volatile boolean closed;

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return read();
        }

        @Override
        public int read() throws IOException {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("abandoned");
            }
            return -1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
