package io.voicepartner.command.eventstore;

import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * The production command routing, for fixture tests in other packages. It lives beside the package-private
 * {@link MessagingConfiguration} so that fixtures route exactly as the application does, without that
 * configuration having to become public.
 */
public final class CommandRouting {

    private CommandRouting() {}

    public static CommandTargetResolver resolver() {
        return new MessagingConfiguration().commandTargetResolver();
    }
}
