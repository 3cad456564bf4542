package io.voicepartner.query.organization;

import io.voicepartner.api.organization.ApiKeyScope;
import java.time.Instant;
import java.util.List;

/**
 * An API key as its organization's admins list it: never its secret, which only its creator saw once.
 *
 * @param prefix     the key's first characters, to tell it apart
 * @param createdBy  who created it
 * @param expiresAt  when it stops working; {@code null} if it works until it is revoked
 * @param lastUsedAt its latest use on any side, at most a minute behind; {@code null} if it was never used
 * @param revokedAt  when it was revoked (by itself, or with its organization); {@code null} if it was not
 */
record ApiKeyView(
        String id,
        String organizationId,
        String name,
        String prefix,
        List<ApiKeyScope> scopes,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
