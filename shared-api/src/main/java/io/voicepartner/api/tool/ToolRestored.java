package io.voicepartner.api.tool;

/** A deleted tool was brought back with the configuration it had; no assistant uses it until assigned again. */
public record ToolRestored(String toolId, String ownerId, ToolConfiguration configuration) implements ToolEvent {}
