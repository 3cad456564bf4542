package io.voicepartner.support.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a record value into an envelope whose {@code data} is the event record. Tolerant of fields it
 * does not know (the contract grows additively); an event type it does not know is not for this reader.
 * Every consumer of the topics in this codebase (the read models, analytics) reads them so.
 */
public final class EnvelopeReader {

    private final ObjectMapper mapper =
            JsonConventions.newObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Optional<EventEnvelope> read(byte[] value) throws IOException {
        JsonNode tree = mapper.readTree(value);
        Optional<EventCatalogue.EventType> type =
                EventCatalogue.byName(tree.path("type").asText());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        // the data once, as its event: left in the tree, the envelope's Object field would read it into maps first
        // (a fifth of a rebuild's time, BENCHMARKS.md)
        JsonNode data = ((ObjectNode) tree).remove("data");
        EventEnvelope raw = mapper.treeToValue(tree, EventEnvelope.class);
        Object event = mapper.treeToValue(data, type.get().eventClass());
        return Optional.of(new EventEnvelope(
                raw.eventId(),
                raw.type(),
                raw.aggregateType(),
                raw.aggregateId(),
                raw.revision(),
                raw.globalPosition(),
                raw.ownerId(),
                raw.actor(),
                raw.requestId(),
                raw.occurredAt(),
                raw.schemaVersion(),
                event));
    }
}
