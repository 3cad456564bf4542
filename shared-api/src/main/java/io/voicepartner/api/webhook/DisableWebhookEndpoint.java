package io.voicepartner.api.webhook;

import java.time.Instant;

/**
 * Stops deliveries to an endpoint that has not accepted one since {@code failingSince}; the platform's, sent as the
 * actor {@code system}. An endpoint disabled already, or deleted, is left as it is.
 */
public record DisableWebhookEndpoint(String endpointId, String organizationId, String reason, Instant failingSince)
        implements WebhookEndpointCommand {}
