package io.voicepartner.query.consuming;

/** An event arrived for a row that does not exist yet: an earlier event is missing, so applying it would lose data. */
public class ProjectionGapException extends RuntimeException {

    public ProjectionGapException(String aggregateId, long revision) {
        super("Revision " + revision + " of " + aggregateId + " arrived before the aggregate's first event");
    }
}
