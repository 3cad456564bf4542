package io.voicepartner.api.tool;

public record DeleteTool(String toolId, String ownerId, Long expectedRevision) implements ToolCommand {}
