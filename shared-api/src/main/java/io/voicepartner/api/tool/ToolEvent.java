package io.voicepartner.api.tool;

import io.voicepartner.api.messaging.DomainEvent;

/** What happened to a tool; published on {@code voicepartner.tools}. Secrets travel only encrypted. */
public sealed interface ToolEvent extends DomainEvent
        permits ToolCreated, ToolUpdated, ToolDeleted, ToolExecuted, ToolRestored {

    String toolId();

    @Override
    default String aggregateId() {
        return toolId();
    }
}
