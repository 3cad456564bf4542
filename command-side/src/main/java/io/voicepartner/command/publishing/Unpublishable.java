package io.voicepartner.command.publishing;

import com.fasterxml.jackson.core.JacksonException;
import io.voicepartner.support.parking.ScrubbedCause;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells the failures that no retry can cure (the record is too large for the broker, it cannot be written as
 * JSON, the broker refuses its content) from those that pass (the broker away, a leader moving, a timeout,
 * missing rights). Only the first kind parks an event: parking one that a retry would have published would
 * take it off its aggregate's stream for nothing, so whatever is not known to be permanent is retried.
 */
final class Unpublishable {

    private Unpublishable() {}

    static boolean isCause(Throwable failure) {
        return permanentCause(failure) != null;
    }

    /**
     * What is wrong, for the operator's listing: the permanent failure and its message without values, under any
     * wrapping.
     */
    static String describe(Throwable failure) {
        Throwable cause = permanentCause(failure);
        // without the values its message may quote: a cause is stored, listed and logged (ADR 0043)
        return ScrubbedCause.of(cause == null ? failure : cause);
    }

    private static Throwable permanentCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException
                    || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException
                    || cause instanceof SerializationException
                    || cause instanceof JacksonException) {
                return cause;
            }
        }
        return null;
    }
}
