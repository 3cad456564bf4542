package io.voicepartner.api.assistant;

/** Takes a tool from an assistant: asked by its owner, or by the platform when the tool was deleted. */
public record UnassignTool(String assistantId, String ownerId, Long expectedRevision, String toolId)
        implements AssistantCommand {}
