package io.voicepartner.command.webhook;

import java.time.Instant;

/**
 * The answer to rotating a webhook endpoint's secret: the new {@code secret}, shown this once, and when the one it
 * replaced stops signing beside it.
 */
record RotatedWebhookSecret(String id, String secret, Instant previousSecretExpiresAt, long revision) {

    @Override
    public String toString() {
        return "RotatedWebhookSecret[id=" + id + "]";
    }
}
