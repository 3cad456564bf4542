package io.voicepartner.query.consuming;

/**
 * An event arrived while an earlier one of its aggregate is missing (the row does not exist yet, or holds
 * an older revision than the one just before): applying it would lose the missing event's change for good.
 */
public class ProjectionGapException extends RuntimeException {

    public ProjectionGapException(String aggregateId, long revision) {
        super("Revision " + revision + " of " + aggregateId + " arrived before the aggregate's first event");
    }

    ProjectionGapException(String aggregateId, long revision, long held) {
        super("Revision " + revision + " of " + aggregateId + " arrived while the read model holds revision " + held);
    }
}
