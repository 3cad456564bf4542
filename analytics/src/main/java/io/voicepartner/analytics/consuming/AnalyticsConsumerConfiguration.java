package io.voicepartner.analytics.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.analytics.membership.MembershipGapException;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.support.parking.ConsumerHealth;
import io.voicepartner.support.parking.DeadLetters;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The analytics listener's own container factory, so that its error handling is its own wherever it runs
 * (alone, or beside the query side, whose dead-letter handler is the default factory's). A record that can
 * never be taken in (unreadable, refused by a table: a value it cannot store, or an organization's event behind
 * a missing one) is parked on
 * {@code <topic>-analytics-dlt} and listed in {@code analytics.dead_letters} (ADR 0020), so that it stops no
 * other tenant's figures. Any other failure (the database away) is retried with a capped backoff for as long
 * as it takes: skipping it would lose a fact.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsConsumerConfiguration {

    static final String DEAD_LETTER_SUFFIX = "-analytics-dlt";

    /**
     * Every aggregate type's topic: facts come from assistants, tools, files and phone numbers, and who may read
     * them from the organizations'.
     */
    @Bean
    String[] analyticsTopics() {
        return Arrays.stream(AggregateType.values()).map(AggregateType::topic).toArray(String[]::new);
    }

    /** As the read models' dead-letter topics: the same partitions, kept {@code dead-letter-retention}. */
    @Bean
    KafkaAdmin.NewTopics analyticsDeadLetterTopics(
            @Value("${voicepartner.kafka.partitions:6}") int partitions,
            @Value("${voicepartner.kafka.replication-factor:1}") short replicationFactor,
            @Value("${voicepartner.kafka.dead-letter-retention}") Duration retention) {
        return DeadLetters.topics(DEAD_LETTER_SUFFIX, partitions, replicationFactor, retention);
    }

    @Bean
    DeadLetters analyticsDeadLetters(KafkaOperations<Object, Object> kafka, JdbcClient jdbc, MeterRegistry meters) {
        return new DeadLetters(AnalyticsConsumer.LISTENER_ID, "analytics", DEAD_LETTER_SUFFIX, kafka, jdbc, meters);
    }

    @Bean
    ConsumerHealth analyticsConsumerHealth(
            KafkaListenerEndpointRegistry listeners,
            DeadLetters analyticsDeadLetters,
            AnalyticsConsumer consumer,
            @Value("${voicepartner.health.stalled-after}") Duration patience) {
        return new ConsumerHealth(
                AnalyticsConsumer.LISTENER_ID, listeners, analyticsDeadLetters, consumer::processed, patience);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> analyticsListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            DeadLetters analyticsDeadLetters) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setCommonErrorHandler(
                analyticsDeadLetters.errorHandler(ClassCastException.class, MembershipGapException.class));
        return factory;
    }
}
