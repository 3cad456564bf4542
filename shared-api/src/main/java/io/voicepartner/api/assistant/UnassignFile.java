package io.voicepartner.api.assistant;

/** Takes a file from an assistant: asked by its owner, or by the platform when the file was deleted. */
public record UnassignFile(String assistantId, String ownerId, Long expectedRevision, String fileId)
        implements AssistantCommand {}
