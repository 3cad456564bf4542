package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.EventEnvelope;

/**
 * Something the live consumer appends every event to after the read models have applied it, in the same
 * transaction, and that a rebuild never touches: unlike a read model, what it holds is not replaced by replaying the
 * topics, because readers keep positions in it (the public event feed, ADR 0031). It must be idempotent: a
 * redelivered event, and every event of a replay from the beginning, appends nothing.
 */
public interface Journal {

    /** @param envelope with {@code data} already the event record; the read models already hold it */
    void append(EventEnvelope envelope);
}
