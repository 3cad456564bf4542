package io.voicepartner.api.user;

import java.time.Instant;

/**
 * Revokes the one token the user signed out with.
 *
 * @param tokenId        the token's {@code jti}
 * @param tokenExpiresAt when the token would have expired anyway: how long its revocation must be remembered
 */
public record SignOut(String userId, String tokenId, Instant tokenExpiresAt) implements UserCommand {}
