package io.voicepartner.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalData;
import java.util.stream.Stream;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.stereotype.Component;

/**
 * Seals, on every read of the event store, the personal values of events stored before sealing (ADR 0042): aggregates,
 * the Kafka publisher (so a republish sends only sealed values), the processors and parked events' replay all read
 * through the storage engine's upcaster chain, into which Axon puts every upcaster bean. The type and revision stay:
 * the payload is the same record, its strings sealed ({@link StoredPersonalValues}). A person's key is read once per
 * {@value #BATCH} events of a stream, not once per event; a tracking processor's stream can last for as long as the
 * process, and no key is kept in memory for longer than its batch (ADR 0034: the key store holds the only copy).
 */
@Component
class SealingOnReadUpcaster implements EventUpcaster {

    static final int BATCH = 256;

    private final StoredPersonalValues values;

    SealingOnReadUpcaster(PersonalData personalData, InvitationAddresses invitationAddresses) {
        this.values = new StoredPersonalValues(personalData, invitationAddresses);
    }

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> representations) {
        Batches batches = new Batches();
        return representations.map(representation -> {
            String payloadType = representation.getType().getName();
            if (!StoredPersonalValues.payloadTypes().contains(payloadType)) {
                return representation;
            }
            StoredPersonalValues.Batch batch = batches.next();
            return representation.upcastPayload(representation.getType(), JsonNode.class, payload -> {
                batch.seal(payloadType, (ObjectNode) payload);
                return payload;
            });
        });
    }

    /** A new batch every {@value #BATCH} events of one stream. */
    private final class Batches {

        private StoredPersonalValues.Batch current;
        private int used;

        StoredPersonalValues.Batch next() {
            if (current == null || used == BATCH) {
                current = values.batch();
                used = 0;
            }
            used++;
            return current;
        }
    }
}
