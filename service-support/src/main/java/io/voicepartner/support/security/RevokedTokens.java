package io.voicepartner.support.security;

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
}
