package io.voicepartner.api.webhook;

import io.voicepartner.api.messaging.DomainEvent;

/**
 * What happened to a webhook endpoint of an organization; published on {@code voicepartner.webhook-endpoints}. Its
 * signing secret travels only encrypted. What was delivered to it is telemetry, kept by the query side, never an
 * event (ADR 0032).
 */
public sealed interface WebhookEndpointEvent extends DomainEvent
        permits WebhookEndpointCreated,
                WebhookEndpointUpdated,
                WebhookEndpointSecretRotated,
                WebhookEndpointDisabled,
                WebhookEndpointDeleted {

    String endpointId();

    String organizationId();

    @Override
    default String aggregateId() {
        return endpointId();
    }

    @Override
    default String ownerId() {
        return organizationId();
    }
}
