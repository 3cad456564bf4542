package io.voicepartner.api.assistant;

import java.util.Set;

/**
 * Changes the fields named in {@code changedFields} to their values in {@code changes}, leaving every
 * other field as it is (JSON Merge Patch): a named field whose value is {@code null} is cleared, and
 * {@code capabilities} is merged key by key, a {@code null} value removing its key.
 *
 * @param expectedRevision the revision the caller saw ({@code If-Match}), or {@code null} for "the latest"
 */
public record UpdateAssistant(
        String assistantId,
        String ownerId,
        Long expectedRevision,
        AssistantConfiguration changes,
        Set<AssistantField> changedFields)
        implements AssistantCommand {

    public UpdateAssistant {
        changedFields = Set.copyOf(changedFields);
    }
}
