package io.voicepartner.api.assistant;

public record AssistantDeleted(String assistantId, String ownerId) implements AssistantEvent {}
