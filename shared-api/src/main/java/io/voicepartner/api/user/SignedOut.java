package io.voicepartner.api.user;

import java.time.Instant;

/**
 * The user signed out: the token {@code tokenId} (its {@code jti}) is refused by every side from now on, until
 * {@code tokenExpiresAt}, after which it is refused anyway.
 */
public record SignedOut(String userId, String tokenId, Instant tokenExpiresAt) implements UserEvent {}
