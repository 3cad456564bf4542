package io.voicepartner.api.tool;

public record ToolCreated(String toolId, String ownerId, ToolConfiguration configuration) implements ToolEvent {}
