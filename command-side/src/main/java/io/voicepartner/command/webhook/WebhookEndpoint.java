package io.voicepartner.command.webhook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.webhook.CreateWebhookEndpoint;
import io.voicepartner.api.webhook.DeleteWebhookEndpoint;
import io.voicepartner.api.webhook.DisableWebhookEndpoint;
import io.voicepartner.api.webhook.RotateWebhookEndpointSecret;
import io.voicepartner.api.webhook.UpdateWebhookEndpoint;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDeleted;
import io.voicepartner.api.webhook.WebhookEndpointDisabled;
import io.voicepartner.api.webhook.WebhookEndpointSecretRotated;
import io.voicepartner.api.webhook.WebhookEndpointUpdated;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on one webhook endpoint of an organization: its URL, the event types it takes, its description, whether it
 * is enabled, and its signing secret (which arrives encrypted and is only ever replaced, never read here). Keeps the
 * configuration because an update names only what changed, and the revision because {@code If-Match} is checked
 * against it. An update that changes nothing records nothing; so does disabling an endpoint that is disabled already.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class WebhookEndpoint {

    @AggregateIdentifier
    private String endpointId;

    private String organizationId;
    private long revision;
    private String url;
    private List<String> eventTypes;
    private String description;
    private boolean enabled;
    private boolean deleted;

    WebhookEndpoint() {
        // for Axon, which rebuilds the endpoint from its events
    }

    @CommandHandler
    WebhookEndpoint(CreateWebhookEndpoint command) {
        apply(new WebhookEndpointCreated(
                command.endpointId(),
                command.organizationId(),
                command.url(),
                List.copyOf(command.eventTypes()),
                command.description(),
                command.secret()));
    }

    @CommandHandler
    long handle(UpdateWebhookEndpoint command) {
        requireLive();
        requireOwnedBy(command.organizationId());
        Revisions.require(command.expectedRevision(), revision);
        var sent = command.changedFields();
        String newUrl = sent.contains("url") ? command.url() : url;
        List<String> newTypes = sent.contains("event_types") ? List.copyOf(command.eventTypes()) : eventTypes;
        String newDescription = sent.contains("description") ? command.description() : description;
        boolean newEnabled = sent.contains("enabled") ? Boolean.TRUE.equals(command.enabled()) : enabled;
        List<String> changed = new ArrayList<>();
        if (!newUrl.equals(url)) {
            changed.add("url");
        }
        if (!newTypes.equals(eventTypes)) {
            changed.add("event_types");
        }
        if (!Objects.equals(newDescription, description)) {
            changed.add("description");
        }
        if (newEnabled != enabled) {
            changed.add("enabled");
        }
        if (!changed.isEmpty()) {
            apply(new WebhookEndpointUpdated(
                    endpointId, organizationId, newUrl, newTypes, newDescription, newEnabled, List.copyOf(changed)));
        }
        return revision;
    }

    @CommandHandler
    long handle(RotateWebhookEndpointSecret command) {
        requireLive();
        requireOwnedBy(command.organizationId());
        apply(new WebhookEndpointSecretRotated(
                endpointId, organizationId, command.secret(), command.previousExpiresAt()));
        return revision;
    }

    /** The platform's own decision, taken on telemetry that may be late: a deleted or disabled endpoint stays so. */
    @CommandHandler
    long handle(DisableWebhookEndpoint command) {
        requireOwnedBy(command.organizationId());
        if (!deleted && enabled) {
            apply(new WebhookEndpointDisabled(endpointId, organizationId, command.reason(), command.failingSince()));
        }
        return revision;
    }

    @CommandHandler
    long handle(DeleteWebhookEndpoint command) {
        requireLive();
        requireOwnedBy(command.organizationId());
        Revisions.require(command.expectedRevision(), revision);
        apply(new WebhookEndpointDeleted(endpointId, organizationId));
        return revision;
    }

    @EventSourcingHandler
    void on(WebhookEndpointCreated event) {
        endpointId = event.endpointId();
        organizationId = event.organizationId();
        url = event.url();
        eventTypes = event.eventTypes();
        description = event.description();
        enabled = true;
        revision = 1;
    }

    @EventSourcingHandler
    void on(WebhookEndpointUpdated event) {
        url = event.url();
        eventTypes = event.eventTypes();
        description = event.description();
        enabled = event.enabled();
        revision++;
    }

    @EventSourcingHandler
    void on(WebhookEndpointSecretRotated event) {
        revision++;
    }

    @EventSourcingHandler
    void on(WebhookEndpointDisabled event) {
        enabled = false;
        revision++;
    }

    @EventSourcingHandler
    void on(WebhookEndpointDeleted event) {
        deleted = true;
        revision++;
    }

    /** What Axon throws for a deleted aggregate, so that callers see no difference. */
    private void requireLive() {
        if (deleted) {
            throw new AggregateDeletedException(endpointId, "Webhook endpoint '" + endpointId + "' was deleted.");
        }
    }

    private void requireOwnedBy(String caller) {
        if (!organizationId.equals(caller)) {
            throw Refusal.notFound("Webhook endpoint", endpointId);
        }
    }
}
