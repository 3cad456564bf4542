package io.voicepartner.api.assistant;

import java.util.Set;

/**
 * An assistant's configuration changed. Carries the whole configuration after the change, so that a
 * consumer needs no earlier event to know the current state, and names the fields that changed.
 */
public record AssistantUpdated(
        String assistantId, String ownerId, AssistantConfiguration configuration, Set<AssistantField> changedFields)
        implements AssistantEvent {}
