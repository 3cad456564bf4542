package io.voicepartner.api.assistant;

import io.voicepartner.api.messaging.DomainEvent;

/** What happened to an assistant; published on {@code voicepartner.assistants}. */
public sealed interface AssistantEvent extends DomainEvent
        permits AssistantCreated,
                AssistantUpdated,
                AssistantDeleted,
                ToolsAssigned,
                ToolUnassigned,
                FilesAssigned,
                FileAssignmentConfigured,
                FileUnassigned,
                AssistantVersionPublished,
                AssistantVersionRestored,
                AssistantRestored {

    String assistantId();

    @Override
    default String aggregateId() {
        return assistantId();
    }
}
