package io.voicepartner.query.phonenumber;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.query.history.HistoryProjector;
import io.voicepartner.query.history.HistoryRows;
import org.springframework.stereotype.Component;

/** A phone number's history: its configuration, whose names are already those of {@link PhoneNumberView}. */
@Component
class PhoneNumberHistory extends HistoryProjector {

    PhoneNumberHistory(HistoryRows rows, ObjectMapper objectMapper) {
        super(rows, objectMapper);
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.PHONE_NUMBER;
    }

    @Override
    protected ObjectNode after(ObjectNode state, DomainEvent event) {
        if (event instanceof PhoneNumberCreated created) {
            return (ObjectNode) tree(created.configuration());
        } else if (event instanceof PhoneNumberUpdated updated) {
            return (ObjectNode) tree(updated.configuration());
        } else if (event instanceof PhoneNumberRestored restored) {
            return (ObjectNode) tree(restored.configuration());
        } else if (event instanceof PhoneNumberDeleted) {
            return state;
        }
        throw new IllegalArgumentException(
                "Unhandled phone number event " + event.getClass().getSimpleName());
    }

    /** A legacy call is usage, not a change of the number: its history has none (ADR 0017). */
    @Override
    protected boolean inHistory(DomainEvent event) {
        return !(event instanceof CallRecorded);
    }

    @Override
    protected boolean deletes(DomainEvent event) {
        return event instanceof PhoneNumberDeleted;
    }
}
