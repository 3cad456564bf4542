package io.voicepartner.api.assistant;

import java.util.Map;

/** @param config the whole configuration of the assignment after the change */
public record FileAssignmentConfigured(String assistantId, String ownerId, String fileId, Map<String, Object> config)
        implements AssistantEvent {}
