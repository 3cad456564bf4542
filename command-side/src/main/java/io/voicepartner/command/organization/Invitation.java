package io.voicepartner.command.organization;

import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import java.time.Instant;

/** What an organization remembers of an invitation it sent: enough to decide on accepting and revoking it. */
record Invitation(String email, Role role, Instant expiresAt, State state) {

    enum State {
        PENDING,
        ACCEPTED,
        REVOKED
    }

    /** Whether the invitation may still be accepted at {@code when}: not used, not revoked and not expired. */
    boolean acceptableAt(Instant when) {
        return state == State.PENDING && when.isBefore(expiresAt);
    }

    Invitation in(State next) {
        return new Invitation(email, role, expiresAt, next);
    }

    /**
     * A token that is unknown, used, revoked or expired, or an invitation sent to another e-mail address: one
     * answer for all, so that a token tells whoever holds it nothing about an invitation that is not theirs.
     */
    static Refusal notFound() {
        return new Refusal(ErrorCode.NOT_FOUND, "There is no pending invitation with this token for you.");
    }
}
