package io.voicepartner.api.organization;

import java.time.Instant;

/**
 * Invites an e-mail address to join with a role.
 *
 * @param email     already normalised to lower case
 * @param tokenHash SHA-256 (hex) of the single-use token the inviter passes on; the token itself is never stored
 */
public record InviteMember(
        String organizationId, String invitationId, String email, Role role, String tokenHash, Instant expiresAt)
        implements OrganizationCommand {}
