package io.voicepartner.query.tool;

import java.time.Instant;

/**
 * One execution of a tool as the API lists it: as it was reported, with {@code id} (the platform's) and
 * {@code receivedAt} (when the platform recorded it).
 */
record ToolExecutionView(
        String id,
        String executionId,
        String toolId,
        String assistantId,
        long durationMs,
        boolean success,
        Integer statusCode,
        boolean testCall,
        Instant occurredAt,
        Instant receivedAt) {}
