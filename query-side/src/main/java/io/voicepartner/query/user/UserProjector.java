package io.voicepartner.query.user;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.api.user.UserEvent;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.webhook.ErasedActors;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.users}, the tokens the account's events revoke ({@link UserTokenRevocations}), and takes an erased
 * person's address out of the webhook deliveries that hold it in clear ({@link ErasedActors}).
 */
@Component
class UserProjector implements Projector {

    private final UserRows rows;
    private final UserTokenRevocations revocations;
    private final ErasedActors erasedActors;

    UserProjector(UserRows rows, UserTokenRevocations revocations, ErasedActors erasedActors) {
        this.rows = rows;
        this.revocations = revocations;
        this.erasedActors = erasedActors;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.USER;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return rows.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        UserEvent event = (UserEvent) envelope.data();
        if (event instanceof UserRegistered registered) {
            rows.insert(
                    registered.userId(),
                    registered.email(),
                    registered.name(),
                    envelope.revision(),
                    envelope.occurredAt());
        } else {
            // a password change, a sign-out, an erasure asked for or done: the account's revision moves, and the tokens
            // it revokes
            // are refused; an erased person's row stays, its sealed values opening to nothing once the key is gone
            rows.advance(event.userId(), envelope.revision(), envelope.occurredAt());
            revocations.apply(event);
            if (event instanceof UserErased) {
                erasedActors.forget(event.userId());
            }
        }
    }
}
