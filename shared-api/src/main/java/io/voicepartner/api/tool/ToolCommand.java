package io.voicepartner.api.tool;

/** What a user can ask of a tool. */
public sealed interface ToolCommand permits CreateTool, UpdateTool, DeleteTool, RestoreTool {

    String toolId();

    String ownerId();
}
