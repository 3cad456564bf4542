package io.voicepartner.api.webhook;

import io.voicepartner.api.common.SecretValue;
import java.time.Instant;

/**
 * A webhook endpoint has a new signing secret; the one it replaced keeps signing beside it until
 * {@code previousExpiresAt}.
 *
 * @param secret the new secret, encrypted under the platform's {@code SECRETS_KEY}
 */
public record WebhookEndpointSecretRotated(
        String endpointId, String organizationId, SecretValue secret, Instant previousExpiresAt)
        implements WebhookEndpointEvent {}
