package io.voicepartner.api.phonenumber;

import java.time.Instant;

/**
 * A call went through a phone number. {@code startedAt} is when the call began; the envelope's
 * {@code occurred_at} is when the platform recorded it.
 */
public record CallRecorded(String phoneNumberId, String ownerId, String callId, String assistantId,
                           long callSeconds, CallDirection direction, Instant startedAt) implements PhoneNumberEvent {
}
