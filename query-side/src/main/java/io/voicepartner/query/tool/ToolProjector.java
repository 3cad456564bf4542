package io.voicepartner.query.tool;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolEvent;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.tools}; rows are stamped with the event's time and revision. A legacy {@code ToolExecuted}
 * (ADR 0017) moves the row's revision, its place in the stream, and is kept with the tool's other executions.
 */
@Component
class ToolProjector implements Projector {

    private final ToolRows rows;
    private final ToolExecutions executions;

    ToolProjector(ToolRows rows, ToolExecutions executions) {
        this.rows = rows;
        this.executions = executions;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.TOOL;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        ToolEvent event = (ToolEvent) envelope.data();
        boolean applied;
        if (event instanceof ToolCreated created) {
            applied = rows.insert(
                    created.toolId(),
                    created.ownerId(),
                    envelope.actor(),
                    created.configuration(),
                    envelope.revision(),
                    envelope.occurredAt());
        } else if (event instanceof ToolUpdated updated) {
            applied = rows.replaceConfiguration(
                    updated.toolId(), updated.configuration(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof ToolExecuted executed) {
            applied = rows.passLegacyExecution(executed.toolId(), envelope.revision());
            if (applied) {
                executions.record(new ToolExecutions.Execution(
                        envelope.eventId(),
                        executed.toolId(),
                        executed.ownerId(),
                        executed.executionId(),
                        executed.assistantId(),
                        executed.durationMs(),
                        executed.success(),
                        executed.statusCode(),
                        executed.testCall(),
                        executed.executedAt(),
                        envelope.occurredAt()));
            }
        } else if (event instanceof ToolRestored restored) {
            applied = rows.restore(
                    restored.toolId(), restored.configuration(), envelope.revision(), envelope.occurredAt());
        } else if (event instanceof ToolDeleted deleted) {
            applied = rows.markDeleted(deleted.toolId(), envelope.revision(), envelope.occurredAt());
        } else {
            throw new IllegalArgumentException(
                    "Unhandled tool event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }
}
