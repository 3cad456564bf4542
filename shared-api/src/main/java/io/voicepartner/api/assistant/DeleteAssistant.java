package io.voicepartner.api.assistant;

/** @param expectedRevision the revision the caller saw ({@code If-Match}), or {@code null} for "the latest" */
public record DeleteAssistant(String assistantId, String ownerId, Long expectedRevision) implements AssistantCommand {}
