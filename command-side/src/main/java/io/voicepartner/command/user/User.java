package io.voicepartner.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.user.UserRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/** A user account. E-mail uniqueness is set-based and checked beside it ({@link SignUp}). */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class User {

    @AggregateIdentifier
    @SuppressWarnings("UnusedVariable") // read by Axon, by reflection
    private String userId;

    User() {
        // for Axon, which rebuilds the user from its events
    }

    @CommandHandler
    User(RegisterUser command) {
        apply(new UserRegistered(command.userId(), command.email(), command.name()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }
}
