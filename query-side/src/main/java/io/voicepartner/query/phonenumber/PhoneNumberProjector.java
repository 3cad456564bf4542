package io.voicepartner.query.phonenumber;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberEvent;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.phone_numbers}; rows are stamped with the event's time and revision. A legacy
 * {@code CallRecorded} (ADR 0017) moves the row's revision, its place in the stream, and is kept with the
 * number's other calls.
 */
@Component
class PhoneNumberProjector implements Projector {

    private final PhoneNumberRows rows;
    private final PhoneCalls calls;

    PhoneNumberProjector(PhoneNumberRows rows, PhoneCalls calls) {
        this.rows = rows;
        this.calls = calls;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.PHONE_NUMBER;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        PhoneNumberEvent event = (PhoneNumberEvent) envelope.data();
        boolean applied;
        if (event instanceof PhoneNumberCreated created) {
            applied = rows.insert(
                    created.phoneNumberId(),
                    created.ownerId(),
                    envelope.actor(),
                    created.configuration(),
                    envelope.revision(),
                    envelope.occurredAt());
        } else if (event instanceof PhoneNumberUpdated updated) {
            applied = rows.replaceConfiguration(
                    updated.phoneNumberId(), updated.configuration(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof CallRecorded call) {
            applied = rows.passLegacyCall(call.phoneNumberId(), envelope.revision());
            if (applied) {
                calls.record(new PhoneCalls.Call(
                        envelope.eventId(),
                        call.phoneNumberId(),
                        call.ownerId(),
                        call.callId(),
                        call.assistantId(),
                        call.callSeconds(),
                        call.direction(),
                        call.startedAt(),
                        envelope.occurredAt()));
            }
        } else if (event instanceof PhoneNumberRestored restored) {
            applied = rows.restore(
                    restored.phoneNumberId(), restored.configuration(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof PhoneNumberDeleted deleted) {
            applied = rows.markDeleted(deleted.phoneNumberId(), envelope.revision(), envelope.occurredAt());
        } else {
            throw new IllegalArgumentException(
                    "Unhandled phone number event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }
}
