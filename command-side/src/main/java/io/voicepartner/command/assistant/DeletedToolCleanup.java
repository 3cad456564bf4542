package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.UnassignTool;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.lookup.LookupTables;
import io.voicepartner.command.web.Commands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A deleted tool is taken from every assistant that used it, by an {@code ToolUnassigned} event on each,
 * so that their history and Kafka consumers see it go. Runs in its own streaming processor (pooled, ADR 0048): it
 * retries until every assistant is done, and an assistant deleted or changed meanwhile is simply passed.
 */
@Component
@ProcessingGroup("tool-cleanup")
class DeletedToolCleanup {

    static final String ACTOR = "system";

    private final LookupTables lookups;
    private final Commands commands;

    DeletedToolCleanup(LookupTables lookups, Commands commands) {
        this.lookups = lookups;
        this.commands = commands;
    }

    @EventHandler
    void on(ToolDeleted event) {
        for (LookupTables.Assignment assignment : lookups.assistantsUsing(event.toolId())) {
            try {
                commands.send(
                        new UnassignTool(assignment.assistantId(), assignment.ownerId(), null, event.toolId()), ACTOR);
            } catch (AggregateNotFoundException e) {
                // the assistant was deleted: it uses no tool any more
            } catch (Refusal refusal) {
                if (refusal.code() != ErrorCode.NOT_FOUND) {
                    throw refusal;
                }
                // the owner unassigned the tool meanwhile
            }
        }
    }
}
