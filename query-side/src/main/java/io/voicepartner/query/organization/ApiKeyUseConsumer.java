package io.voicepartner.query.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.support.security.ApiKeyUse;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes the uses of API keys every side passes on ({@link ApiKeyUse#TOPIC}) into the keys' {@code last_used_at}, in a
 * consumer group of its own, so that uses never wait behind configuration. A record that cannot be read is skipped
 * with a warning: it is telemetry, and the next use of the key brings its time anyway.
 */
@Component
class ApiKeyUseConsumer {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUseConsumer.class);

    private final OrganizationApiKeys keys;
    private final ObjectMapper json;

    ApiKeyUseConsumer(OrganizationApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @KafkaListener(
            id = "api-key-uses",
            topics = ApiKeyUse.TOPIC,
            groupId = "${voicepartner.query.consumer-group}-api-key-uses")
    void on(ConsumerRecord<String, byte[]> record) {
        ApiKeyUse use;
        try {
            use = json.readValue(record.value(), ApiKeyUse.class);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Skipped an unreadable API key use at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        if (use.keyId() == null || use.lastUsedAt() == null) {
            log.warn(
                    "Skipped an API key use without its key or time at {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        keys.used(use);
    }
}
