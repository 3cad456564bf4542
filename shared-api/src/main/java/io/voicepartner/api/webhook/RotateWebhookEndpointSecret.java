package io.voicepartner.api.webhook;

import io.voicepartner.api.common.SecretValue;
import java.time.Instant;

/**
 * Replaces the signing secret; deliveries are signed with both until {@code previousExpiresAt}, so that a receiver
 * has time to take the new one.
 *
 * @param secret            the new secret, made at the edge and already encrypted
 * @param previousExpiresAt when the secret replaced stops signing (the edge's time plus 24 h)
 */
public record RotateWebhookEndpointSecret(
        String endpointId, String organizationId, SecretValue secret, Instant previousExpiresAt)
        implements WebhookEndpointCommand {}
