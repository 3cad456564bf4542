package io.voicepartner.api.assistant;

public record CreateAssistant(String assistantId, String ownerId, AssistantConfiguration configuration)
        implements AssistantCommand {
}
