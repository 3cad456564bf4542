package io.voicepartner.command.webhook;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of a webhook endpoint write: the client-writable fields only. Whether the URL's address may be called is
 * checked here for an address literal, and for every name at connect time (ADR 0032).
 */
record WebhookEndpointRequest(
        @Size(max = EventLimits.ENDPOINT) @WebhookUrl String url,

        @Size(min = 1, max = WebhookEventTypes.MAX, message = "must name between 1 and {max} event types, or [\"*\"]")
        @WebhookEventTypes
        List<@NotNull String> eventTypes,

        @Size(max = WebhookEndpointRequest.DESCRIPTION) String description,
        Boolean enabled) {

    static final int DESCRIPTION = 500;
}
