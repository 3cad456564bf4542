package io.voicepartner.api.user;

import io.voicepartner.api.messaging.DomainEvent;

/** What happened to a user account; published on {@code voicepartner.users}. */
public sealed interface UserEvent extends DomainEvent
        permits UserRegistered, PasswordChanged, SignedOut, ErasureRequested, UserErased {

    String userId();

    @Override
    default String aggregateId() {
        return userId();
    }

    /** A user owns their own account. */
    @Override
    default String ownerId() {
        return userId();
    }
}
