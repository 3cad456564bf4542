package io.voicepartner.api.assistant;

public record AssistantCreated(String assistantId, String ownerId, AssistantConfiguration configuration)
        implements AssistantEvent {}
