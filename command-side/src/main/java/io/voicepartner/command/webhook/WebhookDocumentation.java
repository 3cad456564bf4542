package io.voicepartner.command.webhook;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import io.voicepartner.support.docs.DocumentedSchemas;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The webhook endpoint write routes as the API document shows them. Creating and rotating answer the secret, which no
 * read shows again: their bodies and answers are in the reference catalogue ({@code webhooks.yaml}).
 */
@Configuration(proxyBeanMethods = false)
class WebhookDocumentation {

    @Bean
    DocumentedWrites webhookEndpointWrites() {
        return new DocumentedWrites(List.of(
                new Route(
                        HttpMethod.PATCH,
                        "/api/webhook-endpoints/{id}",
                        WebhookEndpointRequest.class,
                        "WebhookEndpointView",
                        HttpStatus.OK,
                        """
                        {"event_types": ["*"], "enabled": true}
                        """),
                new Route(HttpMethod.DELETE, "/api/webhook-endpoints/{id}", null, null, HttpStatus.OK)));
    }

    @Bean
    DocumentedSchemas webhookEndpointBodies() {
        return new DocumentedSchemas(List.of(WebhookEndpointRequest.class));
    }
}
