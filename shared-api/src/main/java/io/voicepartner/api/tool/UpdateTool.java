package io.voicepartner.api.tool;

import java.util.Set;

/**
 * JSON Merge Patch of a tool, as {@code UpdateAssistant}: the named fields take their value from
 * {@code changes}; {@code headers} are merged header by header (a {@code null} value removes one, both
 * header maps {@code null} remove them all), while {@code parameters} and {@code authentication} are
 * replaced whole.
 */
public record UpdateTool(
        String toolId, String ownerId, Long expectedRevision, ToolConfiguration changes, Set<ToolField> changedFields)
        implements ToolCommand {

    public UpdateTool {
        changedFields = Set.copyOf(changedFields);
    }
}
