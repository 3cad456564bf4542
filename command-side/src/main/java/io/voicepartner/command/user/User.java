package io.voicepartner.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.user.ChangePassword;
import io.voicepartner.api.user.EraseUser;
import io.voicepartner.api.user.ErasureRequested;
import io.voicepartner.api.user.PasswordChanged;
import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.user.RequestErasure;
import io.voicepartner.api.user.SignOut;
import io.voicepartner.api.user.SignedOut;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.api.user.UserRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account. E-mail uniqueness is set-based and checked beside it ({@link SignUp}); the password is checked
 * beside it too, against the credentials, which events never carry ({@link AccountLifecycle}).
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
// 2: its revision, which a password change and a sign-out answer (ADR 0018: a snapshot of revision 1 is disposed of)
@Revision("2")
class User {

    @AggregateIdentifier
    @SuppressWarnings("UnusedVariable") // read by Axon, by reflection
    private String userId;

    private long revision;

    User() {
        // for Axon, which rebuilds the user from its events
    }

    @CommandHandler
    User(RegisterUser command) {
        apply(new UserRegistered(command.userId(), command.email(), command.name()));
    }

    /** @return the account's revision after it */
    @CommandHandler
    long handle(ChangePassword command) {
        apply(new PasswordChanged(command.userId(), command.tokenGeneration()));
        return revision;
    }

    /** @return the account's revision after it */
    @CommandHandler
    long handle(SignOut command) {
        apply(new SignedOut(command.userId(), command.tokenId(), command.tokenExpiresAt()));
        return revision;
    }

    /**
     * Recorded in the transaction that records the erasure ({@link AccountLifecycle#erase}), before its first step:
     * every side revokes the person's tokens from this event on, not only from {@link UserErased} (ADR 0046).
     *
     * @return the account's revision after it
     */
    @CommandHandler
    long handle(RequestErasure command) {
        apply(new ErasureRequested(command.userId(), command.tokenGeneration()));
        return revision;
    }

    /**
     * The person's credentials and key are deleted beside the store, in the same transaction ({@link
     * AccountLifecycle#erase}); the event tells every side to refuse their tokens and show them as erased.
     */
    @CommandHandler
    void handle(EraseUser command) {
        apply(new UserErased(command.userId()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        revision = 1;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        revision++;
    }

    @EventSourcingHandler
    void on(SignedOut event) {
        revision++;
    }

    @EventSourcingHandler
    void on(ErasureRequested event) {
        revision++;
    }
}
