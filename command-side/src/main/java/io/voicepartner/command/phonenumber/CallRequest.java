package io.voicepartner.command.phonenumber;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.phonenumber.CallDirection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * One call as the voice runtime reports it. {@code call_id} is optional: with it, a re-sent report is
 * recognised and not counted again; without it, only an {@code Idempotency-Key} protects a retry.
 */
record CallRequest(
        @Size(min = 1, max = EventLimits.REPORTER_ID)
        @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
        String callId,

        @Min(0) @Max(86_400) Long callSeconds,
        CallDirection direction,
        @Size(max = EventLimits.ID) String assistantId,
        Instant occurredAt) {

    /** {@code occurred_at} is optional: without it, the call began when the report arrived. */
    static final Set<String> REQUIRED = Set.of("call_seconds", "direction", "assistant_id");
}
