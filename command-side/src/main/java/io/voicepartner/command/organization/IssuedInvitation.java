package io.voicepartner.command.organization;

import io.swagger.v3.oas.annotations.media.Schema;
import io.voicepartner.api.organization.Role;
import java.time.Instant;

/**
 * The answer to an invitation: the only place its token is ever shown. Whoever invites passes the token on; the
 * invitation is accepted with it by the signed-in user with that e-mail address, once, until {@code expiresAt}.
 *
 * @param status {@code pending}, as the organization's invitation list shows it until it is used, revoked or expired
 */
record IssuedInvitation(
        String id,
        String email,
        Role role,
        String token,
        Instant expiresAt,
        @Schema(allowableValues = "pending") String status) {}
