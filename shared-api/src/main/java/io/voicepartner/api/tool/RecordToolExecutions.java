package io.voicepartner.api.tool;

import java.util.List;

/** Executions reported for a tool, recorded together: one report is one append, however many it carries. */
public record RecordToolExecutions(String toolId, String ownerId, List<ToolExecution> executions, boolean testCall)
        implements ToolCommand {
}
