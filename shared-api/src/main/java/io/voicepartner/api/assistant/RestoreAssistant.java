package io.voicepartner.api.assistant;

/** Undo a deletion: the assistant comes back as it was, with those of its tools and files that still exist. */
public record RestoreAssistant(String assistantId, String ownerId) implements AssistantCommand {}
