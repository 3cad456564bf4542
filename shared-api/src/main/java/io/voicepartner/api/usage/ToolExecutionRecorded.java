package io.voicepartner.api.usage;

import java.time.Instant;

/**
 * A tool was called once. {@code occurredAt} is when the call happened; the envelope's {@code occurred_at} is
 * when the platform received the report. {@code testCall} marks the calls the platform made itself on a test,
 * which have no assistant.
 *
 * @param statusCode the endpoint's HTTP status, or null if no response came (timeout, refused connection)
 */
public record ToolExecutionRecorded(
        String toolId,
        String ownerId,
        String executionId,
        String assistantId,
        long durationMs,
        boolean success,
        Integer statusCode,
        Instant occurredAt,
        boolean testCall)
        implements UsageEvent {

    @Override
    public String aggregateId() {
        return toolId;
    }

    @Override
    public String reportId() {
        return executionId;
    }
}
