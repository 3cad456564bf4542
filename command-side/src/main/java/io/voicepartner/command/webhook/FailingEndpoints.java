package io.voicepartner.command.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.webhook.DisableWebhookEndpoint;
import io.voicepartner.api.webhook.WebhookEndpointFailing;
import io.voicepartner.command.web.Commands;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Disables the webhook endpoints the query side, which delivers, found failing for too long ({@link
 * WebhookEndpointFailing}), as the actor {@code system}: the endpoint decides (one deleted or disabled already stays
 * as it is), and its event tells the organization. A record that cannot be read, or names an endpoint that does not
 * exist, is skipped with a warning: the next failure passes the endpoint on again.
 */
@Component
class FailingEndpoints {

    static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(FailingEndpoints.class);

    private final Commands commands;
    private final ObjectMapper json;

    FailingEndpoints(Commands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @KafkaListener(
            id = "webhook-endpoint-failures",
            topics = WebhookEndpointFailing.TOPIC,
            groupId = "${voicepartner.webhooks.failures-consumer-group}",
            properties = {
                "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "auto.offset.reset=earliest"
            })
    void on(ConsumerRecord<String, byte[]> record) {
        WebhookEndpointFailing failing;
        try {
            failing = json.readValue(record.value(), WebhookEndpointFailing.class);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Skipped an unreadable failing webhook endpoint at {}@{}: {}",
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        if (failing.endpointId() == null || failing.organizationId() == null) {
            log.warn(
                    "Skipped a failing webhook endpoint without its id or organization at {}@{}",
                    record.partition(),
                    record.offset());
            return;
        }
        try {
            commands.send(
                    new DisableWebhookEndpoint(
                            failing.endpointId(), failing.organizationId(), failing.reason(), failing.failingSince()),
                    ACTOR);
        } catch (AggregateNotFoundException e) {
            log.warn("Skipped failing webhook endpoint {}: {}", failing.endpointId(), e.getMessage());
        }
    }
}
