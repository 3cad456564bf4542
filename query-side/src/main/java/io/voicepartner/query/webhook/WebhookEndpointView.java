package io.voicepartner.query.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as its reads show it: never its secret, only until when the secret a rotation replaced still
 * signs beside the new one.
 *
 * @param enabled                 whether events are delivered to it; the platform disables one that accepts none for
 *                                long ({@code disabled_reason} says so), and {@code PATCH {"enabled": true}} enables
 *                                it again
 * @param previousSecretExpiresAt until when deliveries are also signed with the previous secret; {@code null} when
 *                                none is
 */
record WebhookEndpointView(
        String id,
        String organizationId,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        Instant previousSecretExpiresAt,
        String createdBy,
        long revision,
        Instant createdAt,
        Instant updatedAt) {}
