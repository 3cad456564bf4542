package io.voicepartner.api.assistant;

/**
 * Ask an assistant what a clone of it would start with: its draft, or one of its published versions. Records
 * nothing; it lets the source decide (owner, version, deleted) on its own state before the clone is created.
 *
 * @param version the published version to clone, or {@code null} for the current draft
 */
public record PrepareClone(String assistantId, String ownerId, Integer version) implements AssistantCommand {}
