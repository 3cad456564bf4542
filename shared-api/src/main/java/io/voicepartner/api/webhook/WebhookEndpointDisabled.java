package io.voicepartner.api.webhook;

import java.time.Instant;

/**
 * The platform stopped delivering to a webhook endpoint that accepted no delivery since {@code failingSince}; the
 * actor is {@code system}. Sending {@code enabled: true} enables it again.
 */
public record WebhookEndpointDisabled(String endpointId, String organizationId, String reason, Instant failingSince)
        implements WebhookEndpointEvent {}
