package io.voicepartner.api.assistant;

import java.util.List;

/** Gives an assistant the caller's tools; tools it already has are left as they are. */
public record AssignTools(String assistantId, String ownerId, Long expectedRevision, List<String> toolIds)
        implements AssistantCommand {

    public AssignTools {
        toolIds = List.copyOf(toolIds);
    }
}
