package io.voicepartner.query.assistant;

import java.time.Instant;
import java.util.Map;

/**
 * One published version with its full frozen configuration: the assistant (its fields but status),
 * {@code tools} (each tool's configuration at publish time, credentials masked) and {@code files} (each file
 * with the assignment's configuration at publish time).
 *
 * @param revision the assistant's revision at which it was published
 */
public record AssistantVersionView(
        String assistantId,
        int number,
        Instant publishedAt,
        String publishedBy,
        String configHash,
        String note,
        long revision,
        Map<String, Object> configuration) {}
