package io.voicepartner.api.tool;

/** A tool was deleted; the assistants that used it are unassigned from it by their own events. */
public record ToolDeleted(String toolId, String ownerId) implements ToolEvent {}
