package io.voicepartner.query.consuming;

import com.fasterxml.jackson.core.JacksonException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.support.json.EnvelopeReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Arrays;

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
    static final String DEAD_LETTERS = "voicepartner.projection.dead_letters";

    @Bean
    EnvelopeReader envelopeReader() {
        return new EnvelopeReader();
    }

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

    /**
     * A read model's own constraint refusing an event ({@link DataIntegrityViolationException}) fails the
     * same way every time: it is parked like an unreadable record rather than holding its whole partition.
     * The events of that aggregate after it are parked too (a gap), so only that aggregate waits until the
     * projector is fixed and its dead letters are replayed ({@code infra/scripts/replay-dead-letters}).
     * {@code voicepartner.projection.dead_letters} counts what was parked, by topic and reason.
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaOperations<Object, Object> kafka, MeterRegistry meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            // the dead letter names the projector's own failure, not the batch listener's wrapping of it
            Exception exception = cause(failure);
            deadLetters.accept(record, exception);
            Counter.builder(DEAD_LETTERS)
                    .description("Records parked on a dead-letter topic because no read model could apply them")
                    .tag("topic", record.topic())
                    .tag("reason", reason(exception))
                    .register(meters)
                    .increment();
        }, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class,
                ProjectionGapException.class, DataIntegrityViolationException.class);
        return handler;
    }

    /** The failure's own type, under the container's wrapping: a small, fixed set of tag values. */
    private static String reason(Exception exception) {
        return cause(exception).getClass().getSimpleName();
    }

    /** What failed, under the listener's and the container's wrapping of it. */
    private static Exception cause(Exception failure) {
        Exception cause = failure;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() instanceof Exception wrapped) {
            cause = wrapped;
        }
        return cause;
    }
}
