package io.voicepartner.query.assistant;

import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.assistant_versions}. A version is written once and never changes, so its primary key
 * is its guard: a redelivered event finds the row and changes nothing. Every other assistant event leaves
 * the versions as they are (the assistant's own row is {@link AssistantProjector}'s).
 */
@Component
class VersionProjector implements Projector {

    private final VersionRows rows;

    VersionProjector(VersionRows rows) {
        this.rows = rows;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ASSISTANT;
    }

    /** Versions hold no revision of the assistant: its own projector, in the same transaction, guards the order. */
    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return OptionalLong.empty();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        if (envelope.data() instanceof AssistantVersionPublished published) {
            rows.insert(published, envelope.revision(), envelope.occurredAt());
        }
    }
}
