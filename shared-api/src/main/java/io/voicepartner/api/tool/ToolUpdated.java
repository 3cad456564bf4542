package io.voicepartner.api.tool;

import java.util.Set;

/** A tool's configuration changed: the whole configuration after the change, and the fields that changed. */
public record ToolUpdated(String toolId, String ownerId, ToolConfiguration configuration, Set<ToolField> changedFields)
        implements ToolEvent {}
