package io.voicepartner.command.publishing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failed send must stop the publisher at that event, not be logged and skipped (Axon's default for
 * event handlers): the error propagates, the batch rolls back and the processor retries it.
 */
@Configuration(proxyBeanMethods = false)
class PublisherErrorHandling {

    @Bean
    ConfigurerModule publisherPropagatesErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
