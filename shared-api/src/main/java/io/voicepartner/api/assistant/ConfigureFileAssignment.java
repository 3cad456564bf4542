package io.voicepartner.api.assistant;

import java.util.Map;

/** Replaces how an assistant uses one of its files with {@code config}, a free-form JSON object. */
public record ConfigureFileAssignment(
        String assistantId, String ownerId, Long expectedRevision, String fileId, Map<String, Object> config)
        implements AssistantCommand {}
