package io.voicepartner.api.assistant;

import java.util.List;

/**
 * @param toolIds the caller's tools to assign at once (an empty list for none)
 * @param fileIds the caller's knowledge files to assign at once (an empty list for none)
 */
public record CreateAssistant(
        String assistantId,
        String ownerId,
        AssistantConfiguration configuration,
        List<String> toolIds,
        List<String> fileIds)
        implements AssistantCommand {

    public CreateAssistant {
        toolIds = List.copyOf(toolIds);
        fileIds = List.copyOf(fileIds);
    }
}
