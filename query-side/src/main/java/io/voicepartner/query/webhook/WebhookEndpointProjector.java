package io.voicepartner.query.webhook;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDeleted;
import io.voicepartner.api.webhook.WebhookEndpointDisabled;
import io.voicepartner.api.webhook.WebhookEndpointEvent;
import io.voicepartner.api.webhook.WebhookEndpointSecretRotated;
import io.voicepartner.api.webhook.WebhookEndpointUpdated;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/** Keeps {@code query.webhook_endpoints}; rows are stamped with the event's time and revision. */
@Component
class WebhookEndpointProjector implements Projector {

    private final WebhookEndpointRows rows;
    private final WebhookProgress progress;

    WebhookEndpointProjector(WebhookEndpointRows rows, WebhookProgress progress) {
        this.rows = rows;
        this.progress = progress;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.WEBHOOK_ENDPOINT;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        WebhookEndpointEvent event = (WebhookEndpointEvent) envelope.data();
        long revision = envelope.revision();
        boolean applied;
        if (event instanceof WebhookEndpointCreated created) {
            applied = rows.insert(created, envelope.actor(), revision, envelope.occurredAt());
        } else if (event instanceof WebhookEndpointUpdated updated) {
            applied = rows.update(updated, revision, envelope.occurredAt());
            if (applied && updated.enabled() && updated.changedFields().contains("enabled")) {
                progress.restart(updated.endpointId());
            }
        } else if (event instanceof WebhookEndpointSecretRotated rotated) {
            applied = rows.rotate(rotated, revision, envelope.occurredAt());
        } else if (event instanceof WebhookEndpointDisabled disabled) {
            applied = rows.disable(disabled, revision, envelope.occurredAt());
        } else if (event instanceof WebhookEndpointDeleted deleted) {
            applied = rows.markDeleted(deleted.endpointId(), revision, envelope.occurredAt());
        } else {
            throw new IllegalArgumentException(
                    "Unhandled webhook endpoint event " + event.getClass().getSimpleName());
        }
        if (!applied && rows.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }
}
