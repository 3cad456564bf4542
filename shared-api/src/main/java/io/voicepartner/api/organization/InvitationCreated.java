package io.voicepartner.api.organization;

import java.time.Instant;

/** @param tokenHash SHA-256 (hex) of the invitation's single-use token, by which it is accepted */
public record InvitationCreated(
        String organizationId, String invitationId, String email, Role role, String tokenHash, Instant expiresAt)
        implements OrganizationEvent {}
