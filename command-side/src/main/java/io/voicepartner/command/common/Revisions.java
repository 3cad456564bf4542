package io.voicepartner.command.common;

/** An aggregate's revision is the number of events it has had; Axon counts sequence numbers from zero. */
public final class Revisions {

    private Revisions() {}

    public static long fromSequenceNumber(long sequenceNumber) {
        return sequenceNumber + 1;
    }

    /** Refuses a write whose {@code If-Match} revision is not the current one; {@code null} matches any. */
    public static void require(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw Refusal.revisionMismatch(expected, actual);
        }
    }
}
