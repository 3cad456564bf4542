package io.voicepartner.api.assistant;

import java.util.List;
import java.util.Map;

/**
 * A deleted assistant was brought back. Carries everything it is again, so that a consumer needs no event
 * before the deletion to show it.
 *
 * @param toolIds the tools it has again, in assignment order: those it had that still exist
 * @param files   the files it has again, in assignment order, each with its assignment's configuration
 */
public record AssistantRestored(
        String assistantId,
        String ownerId,
        AssistantConfiguration configuration,
        List<String> toolIds,
        Map<String, Map<String, Object>> files)
        implements AssistantEvent {}
