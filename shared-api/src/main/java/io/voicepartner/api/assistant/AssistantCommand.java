package io.voicepartner.api.assistant;

/** What a user can ask of an assistant. The owner is the caller, taken from the bearer token. */
public sealed interface AssistantCommand
        permits CreateAssistant,
                UpdateAssistant,
                DeleteAssistant,
                AssignTools,
                UnassignTool,
                AssignFiles,
                ConfigureFileAssignment,
                UnassignFile,
                PublishAssistantVersion,
                RestoreAssistantVersion,
                RestoreAssistant,
                PrepareClone,
                CloneAssistant {

    String assistantId();

    String ownerId();
}
