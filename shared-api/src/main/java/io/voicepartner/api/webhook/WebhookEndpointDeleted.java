package io.voicepartner.api.webhook;

/** A webhook endpoint was deleted: nothing more is delivered to it. */
public record WebhookEndpointDeleted(String endpointId, String organizationId) implements WebhookEndpointEvent {}
