package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import java.util.OptionalLong;

/**
 * Keeps one read model. {@link #apply} runs inside the transaction of the event's delivery and must be
 * idempotent: an event at or below the row's revision has been applied already and changes nothing.
 */
public interface Projector {

    AggregateType aggregateType();

    /** The read model whose tables it writes, rebuilt together ({@link ReadModelRebuild}). */
    default ReadModel readModel() {
        return ReadModel.of(aggregateType());
    }

    /** @param envelope with {@code data} already the event record */
    void apply(EventEnvelope envelope);

    /**
     * The revision this read model holds for an aggregate (deleted ones included), empty if it has none:
     * the consumer refuses an event that would skip a revision, so that a parked event is never overtaken.
     */
    OptionalLong revisionOf(String aggregateId);
}
