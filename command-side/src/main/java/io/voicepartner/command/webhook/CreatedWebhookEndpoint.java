package io.voicepartner.command.webhook;

import java.util.List;

/**
 * The answer to creating a webhook endpoint: the endpoint as its read shows it, and the only place its signing
 * {@code secret} is ever shown.
 *
 * @param createdBy who created it: the actor its event names
 */
record CreatedWebhookEndpoint(
        String id,
        String organizationId,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String secret,
        String createdBy,
        long revision) {

    @Override
    public String toString() {
        return "CreatedWebhookEndpoint[id=" + id + ", url=" + url + "]";
    }
}
