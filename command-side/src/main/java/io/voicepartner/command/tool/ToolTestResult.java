package io.voicepartner.command.tool;

/**
 * What a test call of a tool answered. {@code status_code} is null, and {@code error} says why, when no
 * response came (timeout, refused connection); the body is cut off at the configured length.
 */
record ToolTestResult(
        String executionId,
        boolean success,
        Integer statusCode,
        long latencyMs,
        String body,
        boolean bodyTruncated,
        String error) {}
