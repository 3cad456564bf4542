package io.voicepartner.query.user;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.user.UserEvent;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.Projector;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/** Keeps {@code query.users}, and the tokens the account's events revoke ({@link UserTokenRevocations}). */
@Component
class UserProjector implements Projector {

    private final UserRows rows;
    private final UserTokenRevocations revocations;

    UserProjector(UserRows rows, UserTokenRevocations revocations) {
        this.rows = rows;
        this.revocations = revocations;
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
            // a password change, a sign-out or the erasure: the account's revision moves, and the tokens it revokes
            // are refused; an erased person's row stays, its sealed values opening to nothing once the key is gone
            rows.advance(event.userId(), envelope.revision(), envelope.occurredAt());
            revocations.apply(event);
        }
    }
}
