package io.voicepartner.api.webhook;

public record DeleteWebhookEndpoint(String endpointId, String organizationId, Long expectedRevision)
        implements WebhookEndpointCommand {}
