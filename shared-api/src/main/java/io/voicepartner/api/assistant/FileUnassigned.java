package io.voicepartner.api.assistant;

public record FileUnassigned(String assistantId, String ownerId, String fileId) implements AssistantEvent {}
