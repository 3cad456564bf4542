package io.voicepartner.query.assistant;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantEvent;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import org.springframework.stereotype.Component;

/** Keeps {@code query.assistants}; rows are stamped with the event's time and revision. */
@Component
class AssistantProjector implements Projector {

    private final AssistantRows rows;

    AssistantProjector(AssistantRows rows) {
        this.rows = rows;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ASSISTANT;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        AssistantEvent event = (AssistantEvent) envelope.data();
        boolean applied;
        if (event instanceof AssistantCreated created) {
            applied = rows.insert(created.assistantId(), created.ownerId(), created.configuration(),
                    envelope.revision(), envelope.occurredAt());
        } else if (event instanceof AssistantUpdated updated) {
            applied = rows.replaceConfiguration(updated.assistantId(), updated.configuration(), envelope.revision(),
                    envelope.occurredAt());
        } else if (event instanceof AssistantDeleted deleted) {
            applied = rows.markDeleted(deleted.assistantId(), envelope.revision(), envelope.occurredAt());
        } else {
            throw new IllegalArgumentException("Unhandled assistant event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.revisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }
}
