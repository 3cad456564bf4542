package io.voicepartner.api.usage;

import io.voicepartner.api.phonenumber.CallDirection;
import java.time.Instant;

/**
 * A call went through a phone number. {@code occurredAt} is when the call began; the envelope's
 * {@code occurred_at} is when the platform received the report.
 */
public record PhoneCallRecorded(
        String phoneNumberId,
        String ownerId,
        String callId,
        String assistantId,
        long callSeconds,
        CallDirection direction,
        Instant occurredAt)
        implements UsageEvent {

    @Override
    public String aggregateId() {
        return phoneNumberId;
    }

    @Override
    public String reportId() {
        return callId;
    }
}
