package io.voicepartner.api.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The value of every record on the platform's topics (documented in {@code asyncapi.yaml}). The record
 * key is {@code aggregateId}; the same fields but {@code data} travel as headers ({@link EventHeaders}).
 *
 * @param revision       the aggregate's revision after this event: 1 for its first event, +1 per event
 * @param globalPosition the event's position in the whole event store, increasing across aggregates
 * @param actor          the user whose request caused the event
 * @param requestId      the {@code X-Request-Id} of the HTTP request that caused it, left out when no request did:
 *                       what an audit entry names the request by, and what the logs of every service it reached
 *                       carry
 * @param data           the event record itself ({@link EventCatalogue} maps {@code type} to its class)
 */
public record EventEnvelope(
        String eventId,
        String type,
        String aggregateType,
        String aggregateId,
        long revision,
        long globalPosition,
        String ownerId,
        String actor,
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        Instant occurredAt,
        int schemaVersion,
        Object data) {}
