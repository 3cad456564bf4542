package io.voicepartner.api.assistant;

/**
 * An assistant's configuration was frozen as a version. The frozen copy travels in the event, so a version
 * is exactly reproducible from the event store alone, whatever happens to the tools and files later.
 *
 * @param number      1 for the first version, one more for each next one
 * @param configHash  SHA-256 (lower-case hex) of the canonical JSON of {@code configuration}: keys sorted,
 *                    no whitespace, {@code null} fields included
 * @param publishedBy the user who published it
 */
public record AssistantVersionPublished(
        String assistantId,
        String ownerId,
        int number,
        String note,
        String configHash,
        String publishedBy,
        VersionConfiguration configuration)
        implements AssistantEvent {}
