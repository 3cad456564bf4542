package io.voicepartner.query.phonenumber;

import io.voicepartner.api.phonenumber.CallDirection;
import java.time.Instant;

/**
 * One call through a phone number as the API lists it: as it was reported, with {@code id} (the platform's)
 * and {@code receivedAt} (when the platform recorded it).
 */
record PhoneCallView(
        String id,
        String callId,
        String phoneNumberId,
        String assistantId,
        long callSeconds,
        CallDirection direction,
        Instant occurredAt,
        Instant receivedAt) {}
