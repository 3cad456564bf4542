package io.voicepartner.command.file;

import java.io.IOException;
import java.time.Duration;

/**
 * When reading one file's text must end. Parsers do not answer an interrupt, so the places that every parser
 * passes through often (each read of the bytes, each SAX event of the text, each block of a container's entries)
 * ask {@link #check()}, which throws once the time is up or the reading was given up: a timed-out extraction
 * stops there and lets go of its thread and memory, instead of running on where nobody waits for it.
 */
final class ExtractionDeadline {

    /** Thrown where a parser reads or writes once the deadline has passed. */
    static final class Passed extends IOException {
        Passed() {
            super("the time for reading the text is up", null);
        }
    }

    private final Duration timeout;
    private final long deadlineNanos;
    private volatile boolean givenUp;

    private ExtractionDeadline(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    static ExtractionDeadline after(Duration timeout) {
        return new ExtractionDeadline(timeout);
    }

    /** The one who waited for the text no longer does: the reading stops at its next check. */
    void giveUp() {
        givenUp = true;
    }

    boolean passed() {
        return givenUp || System.nanoTime() - deadlineNanos > 0;
    }

    void check() throws Passed {
        if (passed()) {
            throw new Passed();
        }
    }

    /** Why the file has no text, in words for its owner. */
    String reason() {
        return "Reading its text took longer than " + inWords(timeout) + ", so it was given up.";
    }

    private static String inWords(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
