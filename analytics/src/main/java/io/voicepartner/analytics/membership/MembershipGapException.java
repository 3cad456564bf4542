package io.voicepartner.analytics.membership;

/**
 * An organization's event arrived while an earlier one is missing (parked, or not read): applying it could keep
 * someone a member whom the missing event removed. It fails the same way on every delivery, so it is parked.
 */
public class MembershipGapException extends RuntimeException {

    MembershipGapException(String organizationId, long revision, long held) {
        super("Revision " + revision + " of organization " + organizationId + " arrived while the memberships hold "
                + (held == 0 ? "none of it" : "revision " + held));
    }
}
