package io.voicepartner.api.webhook;

import java.util.List;

/**
 * A webhook endpoint was changed: its whole configuration after the change, and the fields that changed, by wire name
 * ({@code url}, {@code event_types}, {@code description}, {@code enabled}).
 */
public record WebhookEndpointUpdated(
        String endpointId,
        String organizationId,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        List<String> changedFields)
        implements WebhookEndpointEvent {}
