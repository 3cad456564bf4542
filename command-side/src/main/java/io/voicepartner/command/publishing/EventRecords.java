package io.voicepartner.command.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.messaging.EventHeaders;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.command.common.StreamIds;
import io.voicepartner.support.json.JsonConventions;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * The Kafka record of a stored event: its aggregate type's topic, keyed by aggregate id (usage by the id of the
 * tool or phone number used), the envelope as its value and the envelope's fields as headers (the
 * {@code request_id} of the HTTP request that caused the event in both, when there was one). The publisher and the replay of parked events build them alike, so that a
 * replayed record is the one the publisher would have sent.
 */
@Component
class EventRecords {

    private final ObjectMapper objectMapper;

    EventRecords(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** @throws JsonProcessingException if the event cannot be written as JSON (never, within the event contract) */
    ProducerRecord<String, byte[]> recordOf(DomainEvent event, EventMessage<?> message, long globalPosition)
            throws JsonProcessingException {
        EventEnvelope envelope = envelopeOf(event, message, globalPosition);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                EventCatalogue.of(event.getClass()).aggregateType().topic(),
                envelope.aggregateId(),
                objectMapper.writeValueAsBytes(envelope));
        addHeaders(record.headers(), envelope);
        return record;
    }

    /**
     * The key a stored event travels under: its aggregate's id (an organization's, not its stream's, see
     * {@link StreamIds}), or for an event in no aggregate's stream the id it names: usage the tool or phone number
     * used, so that each one's usage stays in order (ADR 0017), a sign-in the user (ADR 0029). The publisher parks by
     * the same key.
     */
    static String keyOf(DomainEvent event, EventMessage<?> message) {
        return outsideStreams(event) || !(message instanceof DomainEventMessage<?> domainEvent)
                ? event.aggregateId()
                : StreamIds.aggregateIdOf(domainEvent.getAggregateIdentifier());
    }

    /** The aggregate's revision after the event; {@code 0} for usage and sign-ins, which move no revision. */
    private static long revisionOf(DomainEvent event, EventMessage<?> message) {
        return outsideStreams(event) || !(message instanceof DomainEventMessage<?> domainEvent)
                ? 0
                : Revisions.fromSequenceNumber(domainEvent.getSequenceNumber());
    }

    /**
     * Read back from the store, an event appended on its own is a domain event message too (of the event's own
     * identifier, at sequence 0): its type says that it is no aggregate's.
     */
    private static boolean outsideStreams(DomainEvent event) {
        return !EventCatalogue.of(event.getClass()).aggregateType().hasStreams();
    }

    private static EventEnvelope envelopeOf(DomainEvent event, EventMessage<?> message, long globalPosition) {
        EventCatalogue.EventType type = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                message.getIdentifier(),
                type.name(),
                type.aggregateType().wireName(),
                keyOf(event, message),
                revisionOf(event, message),
                globalPosition,
                event.ownerId(),
                (String) message.getMetaData().get("actor"),
                (String) message.getMetaData().get("request_id"),
                message.getTimestamp(),
                type.schemaVersion(),
                event);
    }

    private static void addHeaders(Headers headers, EventEnvelope envelope) {
        header(headers, EventHeaders.EVENT_ID, envelope.eventId());
        header(headers, EventHeaders.TYPE, envelope.type());
        header(headers, EventHeaders.AGGREGATE_TYPE, envelope.aggregateType());
        header(headers, EventHeaders.AGGREGATE_ID, envelope.aggregateId());
        header(headers, EventHeaders.REVISION, Long.toString(envelope.revision()));
        header(headers, EventHeaders.GLOBAL_POSITION, Long.toString(envelope.globalPosition()));
        header(headers, EventHeaders.OWNER_ID, envelope.ownerId());
        header(headers, EventHeaders.ACTOR, envelope.actor());
        header(headers, EventHeaders.OCCURRED_AT, JsonConventions.format(envelope.occurredAt()));
        header(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
        header(headers, EventHeaders.REQUEST_ID, envelope.requestId());
    }

    private static void header(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
