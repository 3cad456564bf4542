package io.voicepartner.command.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No event handler failure is logged and skipped (Axon's default): the error propagates. In the
 * subscribing lookups it fails the command's transaction (a set-based rule was broken); in a streaming
 * processor (the Kafka publisher and file processing, tracking; the clean-up processes, pooled) the batch rolls
 * back and is retried from the last stored position, with a back-off up to a minute, so no event is ever passed
 * over.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorErrorHandling {

    @Bean
    ConfigurerModule handlerErrorsPropagate() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
