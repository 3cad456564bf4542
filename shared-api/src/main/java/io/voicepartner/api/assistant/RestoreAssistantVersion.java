package io.voicepartner.api.assistant;

/**
 * Makes a published version's configuration (its own fields and its tool and file assignments) the
 * current draft again.
 *
 * @param expectedRevision the revision the caller saw ({@code If-Match}), or {@code null} for "the latest"
 */
public record RestoreAssistantVersion(String assistantId, String ownerId, Long expectedRevision, int number)
        implements AssistantCommand {}
