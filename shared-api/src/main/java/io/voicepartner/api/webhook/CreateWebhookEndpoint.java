package io.voicepartner.api.webhook;

import io.voicepartner.api.common.SecretValue;
import java.util.List;

/**
 * Registers a URL to which the organization's events are delivered.
 *
 * @param eventTypes the public event types sent to it ({@code assistant.updated}), or {@code ["*"]} for all
 * @param secret     the signing secret ({@code whsec_…}), made at the edge and already encrypted
 */
public record CreateWebhookEndpoint(
        String endpointId,
        String organizationId,
        String url,
        List<String> eventTypes,
        String description,
        SecretValue secret)
        implements WebhookEndpointCommand {}
