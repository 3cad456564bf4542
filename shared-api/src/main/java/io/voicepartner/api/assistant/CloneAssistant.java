package io.voicepartner.api.assistant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Create an assistant as a copy of another one's draft or version ({@link CloneSource}), with its tools and files.
 *
 * @param files file id → the assignment's configuration, in assignment order
 */
public record CloneAssistant(
        String assistantId,
        String ownerId,
        AssistantConfiguration configuration,
        List<String> toolIds,
        Map<String, Map<String, Object>> files,
        ClonedFrom clonedFrom)
        implements AssistantCommand {

    public CloneAssistant {
        toolIds = List.copyOf(toolIds);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
