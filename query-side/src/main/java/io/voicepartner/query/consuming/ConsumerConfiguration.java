package io.voicepartner.query.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.support.json.EnvelopeReader;
import io.voicepartner.support.parking.ConsumerHealth;
import io.voicepartner.support.parking.DeadLetters;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * A record that can never be applied (unreadable, an event whose predecessor is missing or parked, or one
 * a read model's constraint refuses) is parked on {@code <topic>-dlt} with the exception in its headers,
 * so one bad record does not stop the rest. Any other failure (the database away, a deadlock) is retried
 * with a capped backoff for as long as it takes: skipping it would lose an acknowledged write from the
 * read model.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    /** Spring Kafka's default name for the dead-letter topic of a topic. */
    static final String DEAD_LETTER_SUFFIX = "-dlt";

    @Bean
    EnvelopeReader envelopeReader() {
        return new EnvelopeReader();
    }

    /** Every configuration topic: the read models between them keep all of them. */
    @Bean
    String[] consumedTopics() {
        return Arrays.stream(AggregateType.values())
                .filter(type -> type != AggregateType.USAGE)
                .map(AggregateType::topic)
                .toArray(String[]::new);
    }

    /** The usage topic, read by a consumer of its own so that usage never delays configuration. */
    @Bean
    String[] usageTopics() {
        return new String[] {AggregateType.USAGE.topic()};
    }

    /** The dead-letter topics ({@code <topic>-dlt}), kept {@code voicepartner.kafka.dead-letter-retention}. */
    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(
            @Value("${voicepartner.kafka.partitions:6}") int partitions,
            @Value("${voicepartner.kafka.replication-factor:1}") short replicationFactor,
            @Value("${voicepartner.kafka.dead-letter-retention}") Duration retention) {
        return DeadLetters.topics(DEAD_LETTER_SUFFIX, partitions, replicationFactor, retention);
    }

    @Bean
    DeadLetters readModelDeadLetters(KafkaOperations<Object, Object> kafka, JdbcClient jdbc, MeterRegistry meters) {
        return new DeadLetters(
                EventConsumer.LISTENER_ID, ProjectionSchema.SERVED, DEAD_LETTER_SUFFIX, kafka, jdbc, meters);
    }

    @Bean
    DeadLetters usageDeadLetters(KafkaOperations<Object, Object> kafka, JdbcClient jdbc, MeterRegistry meters) {
        return new DeadLetters(
                EventConsumer.USAGE_LISTENER_ID, ProjectionSchema.SERVED, DEAD_LETTER_SUFFIX, kafka, jdbc, meters);
    }

    @Bean
    ConsumerHealth usageConsumerHealth(
            KafkaListenerEndpointRegistry listeners,
            DeadLetters usageDeadLetters,
            EventConsumer consumer,
            @Value("${voicepartner.health.stalled-after}") Duration patience) {
        return new ConsumerHealth(
                EventConsumer.USAGE_LISTENER_ID, listeners, usageDeadLetters, consumer::processedUsage, patience);
    }

    /** As the default factory, but parking what the usage consumer can never store under its own name. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> usageListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            DeadLetters usageDeadLetters) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setCommonErrorHandler(usageDeadLetters.errorHandler(ProjectionGapException.class));
        return factory;
    }

    /** {@code /health}'s view of the read-model consumer: parked records, and stuck while records wait. */
    @Bean
    ConsumerHealth readModelConsumerHealth(
            KafkaListenerEndpointRegistry listeners,
            DeadLetters readModelDeadLetters,
            EventConsumer consumer,
            @Value("${voicepartner.health.stalled-after}") Duration patience) {
        return new ConsumerHealth(
                EventConsumer.LISTENER_ID, listeners, readModelDeadLetters, consumer::processed, patience);
    }

    /**
     * A read model's own constraint refusing an event ({@link DataIntegrityViolationException}: a value it
     * cannot store) fails the same way every time: it is parked like an unreadable record rather than holding
     * its whole partition. The events of that aggregate after it are parked too (a gap), so only that aggregate
     * waits until the projector is fixed and its dead letters are replayed ({@code infra/scripts/parked-events}).
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler(DeadLetters readModelDeadLetters) {
        return readModelDeadLetters.errorHandler(ProjectionGapException.class);
    }
}
