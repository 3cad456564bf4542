package io.voicepartner.api.assistant;

import io.voicepartner.api.tool.ToolConfiguration;

/** A tool as a version froze it: its configuration at publish time, credentials still encrypted. */
public record FrozenTool(String toolId, ToolConfiguration configuration) {}
