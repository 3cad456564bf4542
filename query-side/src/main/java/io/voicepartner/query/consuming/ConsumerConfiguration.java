package io.voicepartner.query.consuming;

import com.fasterxml.jackson.core.JacksonException;
import io.voicepartner.api.messaging.AggregateType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Arrays;

/**
 * A record that can never be applied (unreadable, or an event whose predecessor is missing) is parked on
 * {@code <topic>-dlt} with the exception in its headers, so one bad record does not stop the rest. Any
 * other failure (the database away, a deadlock) is retried with a capped backoff for as long as it takes:
 * skipping it would lose an acknowledged write from the read model.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    /** Spring Kafka's default name for the dead-letter topic of a topic. */
    static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** Every aggregate type's topic: the read models between them keep all of them. */
    @Bean
    String[] consumedTopics() {
        return Arrays.stream(AggregateType.values()).map(AggregateType::topic).toArray(String[]::new);
    }

    /**
     * The dead-letter topics, with as many partitions as the topics they serve: a dead letter keeps its
     * partition number, so that the letters of one aggregate stay in order.
     */
    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(@Value("${voicepartner.kafka.partitions:6}") int partitions,
                                          @Value("${voicepartner.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(Arrays.stream(AggregateType.values())
                .map(type -> TopicBuilder.name(type.topic() + DEAD_LETTER_SUFFIX).partitions(partitions)
                        .replicas(replicationFactor).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaOperations<Object, Object> kafka) {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka), backOff);
        handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class,
                ProjectionGapException.class);
        return handler;
    }
}
