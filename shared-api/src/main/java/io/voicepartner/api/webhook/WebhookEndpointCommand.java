package io.voicepartner.api.webhook;

/** What an organization can ask of one of its webhook endpoints. */
public sealed interface WebhookEndpointCommand
        permits CreateWebhookEndpoint,
                UpdateWebhookEndpoint,
                RotateWebhookEndpointSecret,
                DisableWebhookEndpoint,
                DeleteWebhookEndpoint {

    String endpointId();

    String organizationId();
}
