package io.voicepartner.api.webhook;

import java.time.Instant;

/**
 * That a webhook endpoint has accepted no delivery since {@code failingSince}, for longer than the platform waits: the
 * query side, which delivers, passes it to the command side, which disables the endpoint by its event
 * ({@link WebhookEndpointDisabled}). A record of {@link #TOPIC}, keyed by the endpoint's id; not an event, and not part
 * of the event contract (ADR 0032).
 */
public record WebhookEndpointFailing(String endpointId, String organizationId, Instant failingSince, String reason) {

    /** The platform's own topic between its sides. */
    public static final String TOPIC = "voicepartner.webhook-endpoint-failures";
}
