package io.voicepartner.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.webhook.WebhookEndpointFailing;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Has the command side disable an endpoint that failed too long, by a record of {@link WebhookEndpointFailing#TOPIC}:
 * the command side records {@code WebhookEndpointDisabled}, and once it is projected nothing more is sent. A record
 * the broker did not take is passed on by the next failure.
 */
@Component
class EndpointDisabling {

    private static final Logger log = LoggerFactory.getLogger(EndpointDisabling.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final WebhookEndpointRows endpoints;
    private final WebhookProgress progress;
    private final Duration after;

    EndpointDisabling(
            KafkaTemplate<String, byte[]> kafka,
            ObjectMapper json,
            WebhookEndpointRows endpoints,
            WebhookProgress progress,
            WebhookSettings settings) {
        this.kafka = kafka;
        this.json = json;
        this.endpoints = endpoints;
        this.progress = progress;
        this.after = settings.disableAfter();
    }

    void disable(String endpointId, Instant failingSince) {
        String organizationId = endpoints.ownerOf(endpointId).orElse(null);
        if (organizationId == null) {
            return;
        }
        WebhookEndpointFailing failing = new WebhookEndpointFailing(
                endpointId,
                organizationId,
                failingSince,
                "No delivery was accepted since " + failingSince + ", for longer than " + after
                        + "; enable it again with PATCH {\"enabled\": true} once it answers 2xx.");
        byte[] value;
        try {
            value = json.writeValueAsBytes(failing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A failing endpoint is plain data", e);
        }
        try {
            var unused = kafka.send(new ProducerRecord<>(WebhookEndpointFailing.TOPIC, endpointId, value))
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            notPassedOn(endpointId, failure);
                        }
                    });
        } catch (RuntimeException e) {
            notPassedOn(endpointId, e);
        }
    }

    private void notPassedOn(String endpointId, Throwable failure) {
        log.warn(
                "Could not pass on that webhook endpoint {} is to be disabled; its next failure will: {}",
                endpointId,
                failure.getMessage());
        progress.unmarkDisabling(endpointId);
    }
}
