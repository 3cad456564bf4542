package io.voicepartner.api.organization;

import java.time.Instant;

/**
 * The signed-in user takes up an invitation sent to their e-mail address.
 *
 * @param email      the accepting user's e-mail address, normalised; it must be the invited one
 * @param acceptedAt when, to compare with the invitation's expiry
 */
public record AcceptInvitation(
        String organizationId, String invitationId, String userId, String email, Instant acceptedAt)
        implements OrganizationCommand {}
