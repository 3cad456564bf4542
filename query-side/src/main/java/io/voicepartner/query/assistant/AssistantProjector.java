package io.voicepartner.query.assistant;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantEvent;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.AssistantVersionRestored;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.assistants}, {@code query.assistant_tools} and {@code query.assistant_files}; rows are
 * stamped with the event's time and revision, and the revision guard of the assistant row makes relation
 * changes idempotent too.
 */
@Component
class AssistantProjector implements Projector {

    /** Tools (or files) assigned by one event get consecutive positions after every earlier assignment. */
    private static final long ASSIGNMENT_SLOTS = 1_000;

    private final AssistantRows rows;

    AssistantProjector(AssistantRows rows) {
        this.rows = rows;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ASSISTANT;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        AssistantEvent event = (AssistantEvent) envelope.data();
        boolean applied;
        if (event instanceof AssistantCreated created) {
            applied = rows.insert(
                    created.assistantId(),
                    created.ownerId(),
                    envelope.actor(),
                    created.configuration(),
                    envelope.revision(),
                    envelope.occurredAt());
        } else if (event instanceof AssistantUpdated updated) {
            applied = rows.replaceConfiguration(
                    updated.assistantId(), updated.configuration(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof AssistantDeleted deleted) {
            applied = rows.markDeleted(deleted.assistantId(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof AssistantRestored restored) {
            applied = rows.replaceConfiguration(
                    restored.assistantId(), restored.configuration(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.restore(
                        restored.assistantId(),
                        restored.toolIds(),
                        restored.files(),
                        envelope.globalPosition() * ASSIGNMENT_SLOTS);
            }
        } else if (event instanceof ToolsAssigned assigned) {
            applied = rows.advance(assigned.assistantId(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.addTools(assigned.assistantId(), assigned.toolIds(), envelope.globalPosition() * ASSIGNMENT_SLOTS);
            }
        } else if (event instanceof ToolUnassigned unassigned) {
            applied = rows.advance(unassigned.assistantId(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.removeTool(unassigned.assistantId(), unassigned.toolId());
            }
        } else if (event instanceof FilesAssigned assigned) {
            applied = rows.advance(assigned.assistantId(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.addFiles(assigned.assistantId(), assigned.fileIds(), envelope.globalPosition() * ASSIGNMENT_SLOTS);
            }
        } else if (event instanceof FileAssignmentConfigured configured) {
            applied = rows.advance(configured.assistantId(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.configureFile(configured.assistantId(), configured.fileId(), configured.config());
            }
        } else if (event instanceof FileUnassigned unassigned) {
            applied = rows.advance(unassigned.assistantId(), envelope.revision(), envelope.occurredAt());
            if (applied) {
                rows.removeFile(unassigned.assistantId(), unassigned.fileId());
            }
        } else if (event instanceof AssistantVersionPublished || event instanceof AssistantVersionRestored) {
            // the version's own row is VersionProjector's; a restore's changes came in the events before it
            applied = rows.advance(event.assistantId(), envelope.revision(), envelope.occurredAt());
        } else {
            throw new IllegalArgumentException(
                    "Unhandled assistant event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }
}
