package io.voicepartner.api.tool;

import java.time.Instant;

/**
 * Legacy: since ADR 0017 an execution is a {@link io.voicepartner.api.usage.ToolExecutionRecorded}, outside the
 * tool's stream; these stay in the streams that hold them, and no new ones are recorded. A tool was called once.
 * {@code executedAt} is when the call happened; the envelope's {@code occurred_at}
 * is when the platform recorded it. {@code testCall} marks the calls the platform made itself on a test.
 */
public record ToolExecuted(
        String toolId,
        String ownerId,
        String executionId,
        String assistantId,
        long durationMs,
        boolean success,
        Integer statusCode,
        Instant executedAt,
        boolean testCall)
        implements ToolEvent {}
