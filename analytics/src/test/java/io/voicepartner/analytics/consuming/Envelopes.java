package io.voicepartner.analytics.consuming;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelopes as the command side publishes them, for tests that hand events to analytics: the aggregate's id and
 * owner from the event (its owner also its actor), its type from the catalogue, and a global position that grows
 * with every envelope made.
 */
public final class Envelopes {

    private static final AtomicLong POSITION = new AtomicLong();

    private Envelopes() {}

    /** The event as revision {@code revision} of its aggregate, at {@code occurredAt}. */
    public static EventEnvelope at(long revision, Instant occurredAt, DomainEvent event) {
        EventCatalogue.EventType type = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                type.name(),
                type.aggregateType().wireName(),
                event.aggregateId(),
                revision,
                POSITION.incrementAndGet(),
                event.ownerId(),
                event.ownerId(),
                null,
                occurredAt,
                type.schemaVersion(),
                event);
    }
}
