package io.voicepartner.command.tool;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A test call of a tool: the arguments an assistant would pass, and optionally the assistant the execution is
 * counted for.
 */
record ToolTestRequest(
        Map<String, Object> arguments,
        @Size(max = EventLimits.ID) String assistantId) {}
