package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelopes as the command side publishes them, for tests that hand events to projectors: the aggregate's id and
 * owner from the event, its type from the catalogue, and a global position that grows with every envelope made.
 */
public final class Envelopes {

    /** When the first revision of every aggregate in these tests happened; revision n happened n - 1 minutes later. */
    public static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00Z");

    private static final AtomicLong POSITION = new AtomicLong();

    private Envelopes() {}

    /** The event as revision {@code revision} of its aggregate, made by its owner. */
    public static EventEnvelope revision(long revision, DomainEvent event) {
        return at(revision, occurredAt(revision), event);
    }

    /** The event as revision {@code revision} of its aggregate, made by its owner at {@code occurredAt}. */
    public static EventEnvelope at(long revision, Instant occurredAt, DomainEvent event) {
        return by(event.ownerId(), revision, occurredAt, event);
    }

    /** The event as revision {@code revision} of its aggregate, made by {@code actor} at {@code occurredAt}. */
    public static EventEnvelope by(String actor, long revision, Instant occurredAt, DomainEvent event) {
        return byRequest(actor, null, revision, occurredAt, event);
    }

    /**
     * The event as revision {@code revision} of its aggregate (0 for one outside every stream), made by {@code actor}
     * at {@code occurredAt} in the request {@code requestId} ({@code null} for none).
     */
    public static EventEnvelope byRequest(
            String actor, String requestId, long revision, Instant occurredAt, DomainEvent event) {
        EventCatalogue.EventType type = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                type.name(),
                type.aggregateType().wireName(),
                event.aggregateId(),
                revision,
                POSITION.incrementAndGet(),
                event.ownerId(),
                actor,
                requestId,
                occurredAt,
                type.schemaVersion(),
                event);
    }

    /** When revision {@code revision} of an aggregate happened in {@link #revision}. */
    public static Instant occurredAt(long revision) {
        return EPOCH.plusSeconds(60 * (revision - 1));
    }
}
