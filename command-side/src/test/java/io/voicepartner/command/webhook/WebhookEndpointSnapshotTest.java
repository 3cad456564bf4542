package io.voicepartner.command.webhook;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDeleted;
import io.voicepartner.api.webhook.WebhookEndpointUpdated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webhook endpoint's snapshot holds its configuration, never its secret, which it does not keep. */
class WebhookEndpointSnapshotTest {

    private static final String ENDPOINT = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f";
    private static final String ORGANIZATION = "0190f2c4-0000-7000-8000-0000000a11ce";

    @Test
    void keepsADeletedEndpointWithItsConfiguration() {
        WebhookEndpoint endpoint = sourcedFrom(
                WebhookEndpoint.class,
                ENDPOINT,
                new WebhookEndpointCreated(
                        ENDPOINT,
                        ORGANIZATION,
                        "https://hooks.example.com/voicepartner",
                        List.of("assistant.updated"),
                        "CRM sync",
                        new SecretValue("v2:golden:c2VhbGVk", "")),
                new WebhookEndpointUpdated(
                        ENDPOINT,
                        ORGANIZATION,
                        "https://hooks.example.com/voicepartner",
                        List.of("assistant.updated", "tool.deleted"),
                        "CRM sync",
                        true,
                        List.of("event_types")),
                new WebhookEndpointDeleted(ENDPOINT, ORGANIZATION));

        assertRoundTrips(endpoint);
        assertStoredAsGolden(endpoint);
    }
}
