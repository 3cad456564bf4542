package io.voicepartner.api.tool;

/** @param configuration with every secret already encrypted */
public record CreateTool(String toolId, String ownerId, ToolConfiguration configuration) implements ToolCommand {}
