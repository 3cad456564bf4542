package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.UnassignFile;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.lookup.FileLookups;
import io.voicepartner.command.lookup.LookupTables;
import io.voicepartner.command.web.Commands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A deleted file is taken from every assistant that had it, by a {@code FileUnassigned} event on each, so
 * that their history and Kafka consumers see it go. Runs in its own streaming processor, as
 * {@link DeletedToolCleanup} does for tools: it retries until every assistant is done, and an assistant
 * deleted or changed meanwhile is simply passed.
 */
@Component
@ProcessingGroup("file-cleanup")
class DeletedFileCleanup {

    private final FileLookups lookups;
    private final Commands commands;

    DeletedFileCleanup(FileLookups lookups, Commands commands) {
        this.lookups = lookups;
        this.commands = commands;
    }

    @EventHandler
    void on(FileDeleted event) {
        for (LookupTables.Assignment assignment : lookups.assistantsUsing(event.fileId())) {
            try {
                commands.send(
                        new UnassignFile(assignment.assistantId(), assignment.ownerId(), null, event.fileId()),
                        DeletedToolCleanup.ACTOR);
            } catch (AggregateNotFoundException e) {
                // the assistant was deleted: it uses no file any more
            } catch (Refusal refusal) {
                if (refusal.code() != ErrorCode.NOT_FOUND) {
                    throw refusal;
                }
                // the owner unassigned the file meanwhile
            }
        }
    }
}
