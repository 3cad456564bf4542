package io.voicepartner.query.phonenumber;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.usage.PhoneCallRecorded;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModel;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps a phone number's calls and counters from {@code voicepartner.usage} (ADR 0017). Part of the phone
 * numbers' read model, rebuilt with it. Usage moves no revision: a redelivery is recognised by the call's id.
 */
@Component
class PhoneCallProjector implements Projector {

    private final PhoneCalls calls;

    PhoneCallProjector(PhoneCalls calls) {
        this.calls = calls;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.USAGE;
    }

    @Override
    public ReadModel readModel() {
        return ReadModel.PHONE_NUMBERS;
    }

    /** Usage is in no aggregate's sequence: there is no revision to hold, and no gap to find. */
    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return OptionalLong.empty();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        if (envelope.data() instanceof PhoneCallRecorded c) {
            calls.record(new PhoneCalls.Call(
                    envelope.eventId(),
                    c.phoneNumberId(),
                    c.ownerId(),
                    c.callId(),
                    c.assistantId(),
                    c.callSeconds(),
                    c.direction(),
                    c.occurredAt(),
                    envelope.occurredAt()));
        }
    }
}
