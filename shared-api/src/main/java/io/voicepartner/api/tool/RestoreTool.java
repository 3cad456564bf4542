package io.voicepartner.api.tool;

/** Undo a deletion: the tool comes back as it was (credentials included), used by no assistant. */
public record RestoreTool(String toolId, String ownerId) implements ToolCommand {}
