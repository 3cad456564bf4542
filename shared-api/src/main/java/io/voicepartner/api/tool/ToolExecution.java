package io.voicepartner.api.tool;

import java.time.Instant;

/**
 * One call of a tool as the voice runtime (or the platform's test call) saw it.
 *
 * @param executionId the reporter's id for this execution; a report carrying an id already recorded is a
 *                    re-send and is not counted again
 * @param statusCode  the endpoint's HTTP status, or null if no response came (timeout, refused connection)
 * @param executedAt  when the call was made, as the reporter says
 */
public record ToolExecution(String executionId, long durationMs, boolean success, Integer statusCode,
                            String assistantId, Instant executedAt) {
}
