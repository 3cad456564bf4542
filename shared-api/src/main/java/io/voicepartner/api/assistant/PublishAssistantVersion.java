package io.voicepartner.api.assistant;

/**
 * Freezes the assistant's current configuration, with its tools' and files' configuration, as its next
 * version; a configuration identical to the latest version's publishes nothing.
 *
 * @param expectedRevision the revision the caller saw ({@code If-Match}), or {@code null} for "the latest"
 * @param note             what the publisher wants to remember about this version, or {@code null}
 */
public record PublishAssistantVersion(String assistantId, String ownerId, Long expectedRevision, String note)
        implements AssistantCommand {}
