package io.voicepartner.command.publishing;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.webhook.WebhookEndpointFailing;
import io.voicepartner.support.security.ApiKeyUse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * One topic per aggregate type. They are created at start-up if the broker is there, and otherwise by
 * the publisher before its first send ({@link #ensureCreated}), so that a platform started while Kafka
 * was down does not depend on the broker auto-creating topics with its own defaults. Beside them the sides' own
 * {@link ApiKeyUse#TOPIC}, which keeps a record only until the query side has taken it: the uses live on in the
 * keys' {@code last_used_at}, and {@link WebhookEndpointFailing#TOPIC}, by which the query side has the command side
 * disable a webhook endpoint that fails too long.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    private final AtomicBoolean created = new AtomicBoolean();

    void ensureCreated(KafkaAdmin admin) {
        if (!created.get() && admin.initialize()) {
            created.set(true);
        }
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(
            @Value("${voicepartner.kafka.partitions}") int partitions,
            @Value("${voicepartner.kafka.replication-factor}") short replicationFactor) {
        Stream<NewTopic> events = Arrays.stream(AggregateType.values())
                .map(type -> TopicBuilder.name(type.topic())
                        .partitions(partitions)
                        .replicas(replicationFactor)
                        // consumers rebuild read models by replaying a topic from its start: keep every event
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                        .build());
        NewTopic apiKeyUses = TopicBuilder.name(ApiKeyUse.TOPIC)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofDays(7).toMillis()))
                .build();
        NewTopic webhookFailures = TopicBuilder.name(WebhookEndpointFailing.TOPIC)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofDays(7).toMillis()))
                .build();
        return new KafkaAdmin.NewTopics(
                Stream.concat(events, Stream.of(apiKeyUses, webhookFailures)).toArray(NewTopic[]::new));
    }
}
