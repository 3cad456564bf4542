package io.voicepartner.api.webhook;

import java.util.List;
import java.util.Set;

/**
 * Changes the fields a caller sent ({@code changedFields}, by wire name); the others keep their values. Enabling an
 * endpoint the platform disabled is sending {@code enabled: true}.
 *
 * @param expectedRevision the revision {@code If-Match} names, {@code null} without one
 */
public record UpdateWebhookEndpoint(
        String endpointId,
        String organizationId,
        Long expectedRevision,
        String url,
        List<String> eventTypes,
        String description,
        Boolean enabled,
        Set<String> changedFields)
        implements WebhookEndpointCommand {}
