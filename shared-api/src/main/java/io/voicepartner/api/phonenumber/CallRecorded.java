package io.voicepartner.api.phonenumber;

import java.time.Instant;

/**
 * Legacy: since ADR 0017 a call is a {@link io.voicepartner.api.usage.PhoneCallRecorded}, outside the number's
 * stream; these stay in the streams that hold them, and no new ones are recorded. A call went through a phone
 * number. {@code startedAt} is when the call began; the envelope's
 * {@code occurred_at} is when the platform recorded it.
 */
public record CallRecorded(
        String phoneNumberId,
        String ownerId,
        String callId,
        String assistantId,
        long callSeconds,
        CallDirection direction,
        Instant startedAt)
        implements PhoneNumberEvent {}
