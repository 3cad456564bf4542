package io.voicepartner.api.assistant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clone starts with, as its source answered {@link PrepareClone}: the configuration (status aside), the
 * tools and files that still exist, in assignment order, each file with its assignment's configuration.
 */
public record CloneSource(
        AssistantConfiguration configuration,
        List<String> toolIds,
        Map<String, Map<String, Object>> files,
        ClonedFrom clonedFrom) {

    public CloneSource {
        toolIds = List.copyOf(toolIds);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
