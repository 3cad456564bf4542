package io.voicepartner.api.assistant;

import java.util.List;

/** @param toolIds only the tools newly assigned, in the order asked */
public record ToolsAssigned(String assistantId, String ownerId, List<String> toolIds) implements AssistantEvent {}
