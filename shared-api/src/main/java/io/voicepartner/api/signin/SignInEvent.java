package io.voicepartner.api.signin;

import io.voicepartner.api.messaging.DomainEvent;
import java.util.List;

/**
 * A sign-in to an account at {@code POST /token}, right or wrong, recorded for the audit logs of the account's
 * organizations; published on {@code voicepartner.sign-ins}. Who signs in when is access, not configuration: it
 * belongs to no aggregate's stream, so it never moves the user's revision (ADR 0029). The record key, and
 * {@link #aggregateId()}, is the user's id, so that each account's sign-ins stay in order on one partition.
 */
public sealed interface SignInEvent extends DomainEvent permits SignInSucceeded, SignInFailed {

    /** The account signed in to. */
    String userId();

    /**
     * The organizations the user was a member of at that moment, as the command side's membership lookup had it: a
     * sign-in concerns each of them, and each one's audit log shows it. An organization joined later does not.
     */
    List<String> organizationIds();

    /** The address the attempt came from, as the limits per client see it: personal data. */
    String clientAddress();

    @Override
    default String aggregateId() {
        return userId();
    }

    /** The user's personal organization, whose id is theirs: an account is its user's, as in {@code UserEvent}. */
    @Override
    default String ownerId() {
        return userId();
    }
}
