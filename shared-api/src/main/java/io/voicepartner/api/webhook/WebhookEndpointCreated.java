package io.voicepartner.api.webhook;

import io.voicepartner.api.common.SecretValue;
import java.util.List;

/**
 * A webhook endpoint was registered, enabled. Whoever registered it is the event's {@code actor}.
 *
 * @param secret the signing secret, encrypted under the platform's {@code SECRETS_KEY}
 */
public record WebhookEndpointCreated(
        String endpointId,
        String organizationId,
        String url,
        List<String> eventTypes,
        String description,
        SecretValue secret)
        implements WebhookEndpointEvent {}
