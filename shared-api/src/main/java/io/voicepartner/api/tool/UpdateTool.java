package io.voicepartner.api.tool;

import java.util.Set;

/**
 * JSON Merge Patch of a tool, as {@code UpdateAssistant}: the named fields take their value from
 * {@code changes}; {@code headers} and {@code authentication} are merged key by key.
 */
public record UpdateTool(String toolId, String ownerId, Long expectedRevision, ToolConfiguration changes,
                         Set<ToolField> changedFields) implements ToolCommand {

    public UpdateTool {
        changedFields = Set.copyOf(changedFields);
    }
}
