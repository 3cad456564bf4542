package io.voicepartner.command.eventstore;

import io.voicepartner.api.assistant.AssistantCommand;
import io.voicepartner.api.file.FileCommand;
import io.voicepartner.api.organization.OrganizationCommand;
import io.voicepartner.api.phonenumber.PhoneNumberCommand;
import io.voicepartner.api.tool.ToolCommand;
import io.voicepartner.api.user.UserCommand;
import io.voicepartner.api.webhook.WebhookEndpointCommand;
import io.voicepartner.command.common.StreamIds;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How commands find their aggregate and what every event inherits from the command that caused it.
 * Routing lives here, not in annotations, because the commands are framework-free records.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Metadata keys set at the web edge and copied onto every event the command causes. */
    public static final String ACTOR = "actor";

    public static final String REQUEST_ID = "request_id";

    @Bean
    CommandTargetResolver commandTargetResolver() {
        return MessagingConfiguration::target;
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR, REQUEST_ID);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    private static VersionedAggregateIdentifier target(CommandMessage<?> command) {
        Object payload = command.getPayload();
        String id;
        if (payload instanceof AssistantCommand assistantCommand) {
            id = assistantCommand.assistantId();
        } else if (payload instanceof ToolCommand toolCommand) {
            id = toolCommand.toolId();
        } else if (payload instanceof FileCommand fileCommand) {
            id = fileCommand.fileId();
        } else if (payload instanceof PhoneNumberCommand phoneNumberCommand) {
            id = phoneNumberCommand.phoneNumberId();
        } else if (payload instanceof UserCommand userCommand) {
            id = userCommand.userId();
        } else if (payload instanceof WebhookEndpointCommand webhookEndpointCommand) {
            id = webhookEndpointCommand.endpointId();
        } else if (payload instanceof OrganizationCommand organizationCommand) {
            id = StreamIds.ofOrganization(organizationCommand.organizationId());
        } else {
            throw new IllegalArgumentException(
                    "No aggregate routing for " + command.getPayloadType().getName());
        }
        // If-Match is checked by the aggregate against its revision, not by Axon's version conflict resolution
        return new VersionedAggregateIdentifier(id, null);
    }
}
