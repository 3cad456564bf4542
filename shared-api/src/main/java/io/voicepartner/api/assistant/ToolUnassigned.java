package io.voicepartner.api.assistant;

public record ToolUnassigned(String assistantId, String ownerId, String toolId) implements AssistantEvent {}
