package io.voicepartner.analytics.consuming;

import com.fasterxml.jackson.core.JacksonException;
import io.voicepartner.api.messaging.AggregateType;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Arrays;

/**
 * The analytics listener's own container factory, so that its error handling is its own wherever it runs
 * (alone, or beside the query side, whose dead-letter handler is the default factory's). A record that
 * cannot be read is logged and skipped: it holds no fact this reader understands. Any other failure (the
 * database away) is retried with a capped backoff for as long as it takes: skipping it would lose a fact.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsConsumerConfiguration {

    /** Every aggregate type's topic: facts come from assistants, tools, files and phone numbers. */
    @Bean
    String[] analyticsTopics() {
        return Arrays.stream(AggregateType.values()).map(AggregateType::topic).toArray(String[]::new);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> analyticsListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(backOff);
        errors.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
