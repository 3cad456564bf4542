package io.voicepartner.query.tool;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModel;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps a tool's executions and counters from {@code voicepartner.usage} (ADR 0017). Part of the tools' read
 * model, rebuilt with it. Usage moves no revision: a redelivery is recognised by the execution's id instead.
 */
@Component
class ToolExecutionProjector implements Projector {

    private final ToolExecutions executions;

    ToolExecutionProjector(ToolExecutions executions) {
        this.executions = executions;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.USAGE;
    }

    @Override
    public ReadModel readModel() {
        return ReadModel.TOOLS;
    }

    /** Usage is in no aggregate's sequence: there is no revision to hold, and no gap to find. */
    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return OptionalLong.empty();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        if (envelope.data() instanceof ToolExecutionRecorded e) {
            executions.record(new ToolExecutions.Execution(
                    envelope.eventId(),
                    e.toolId(),
                    e.ownerId(),
                    e.executionId(),
                    e.assistantId(),
                    e.durationMs(),
                    e.success(),
                    e.statusCode(),
                    e.testCall(),
                    e.occurredAt(),
                    envelope.occurredAt()));
        }
    }
}
