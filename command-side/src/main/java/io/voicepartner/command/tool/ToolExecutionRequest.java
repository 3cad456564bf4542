package io.voicepartner.command.tool;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * One execution as the voice runtime reports it. {@code execution_id} is optional: with it, a re-sent report
 * is recognised and not counted again; without it, only an {@code Idempotency-Key} protects a retry.
 */
record ToolExecutionRequest(
        @Size(min = 1, max = EventLimits.REPORTER_ID)
        @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
        String executionId,

        @Min(0) @Max(86_400_000) Long durationMs,
        Boolean success,
        @Min(100) @Max(599) Integer statusCode,
        @Size(max = EventLimits.ID) String assistantId,
        Instant occurredAt) {

    /** {@code occurred_at} is optional: without it, the execution happened when the report arrived. */
    static final Set<String> REQUIRED = Set.of("duration_ms", "success", "assistant_id");
}
