package io.voicepartner.query.organization;

import io.voicepartner.api.organization.Role;
import java.time.Instant;

/**
 * An invitation to join an organization as its admins list it: never its token, which only the inviter saw once.
 *
 * @param createdBy who invited
 */
record InvitationView(
        String id,
        String organizationId,
        String email,
        Role role,
        InvitationStatus status,
        Instant expiresAt,
        String createdBy,
        Instant createdAt) {}
