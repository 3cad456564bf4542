package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;
import java.util.Optional;

/**
 * The bearer tokens a side refuses before they expire: every token of a user issued before their password last
 * changed, and each token its user signed out with. Each side asks only its own store, kept from the users' events
 * as the API keys are (ADR 0028): the command side in a lookup written with the events, the read sides from
 * {@code voicepartner.users}.
 */
public interface RevokedTokens {

    /** The claim that carries a token's generation: the count of password changes before it was issued. */
    String GENERATION_CLAIM = "gen";

    /**
     * @param tokenId    the token's {@code jti}; {@code null} for a token issued before tokens had one
     * @param generation the token's generation; 0 for a token without one
     */
    boolean revoked(String userId, String tokenId, long generation);

    /**
     * The same check, and with it the user's role in an organization, read by the same statement from the side's
     * {@link Memberships}: a signed-in user's request asks both, and one round trip to the database instead of two
     * is a tenth of a read's CPU (ADR 0054).
     */
    TokenCheck check(String userId, String tokenId, long generation, String organizationId);

    /**
     * @param role the user's role in the organization asked about; empty when they are no member of it
     */
    record TokenCheck(boolean revoked, Optional<Role> role) {}
}
