package io.voicepartner.api.organization;

import java.time.Instant;
import java.util.List;

/**
 * An API key was issued; it acts for the organization with its scopes until it expires or is revoked. Whoever
 * issued it is the event's {@code actor}.
 *
 * @param prefix     the key's first characters, shown in its lists
 * @param secretHash {@code <hash key id>:<HMAC-SHA256 hex>} of the whole key under the platform's API key hash key,
 *                   which only the platform holds: without that key it tells nothing about the secret (ADR 0028)
 * @param expiresAt  when it stops working; {@code null} for a key that works until it is revoked
 */
public record ApiKeyCreated(
        String organizationId,
        String keyId,
        String name,
        List<ApiKeyScope> scopes,
        String prefix,
        String secretHash,
        Instant expiresAt)
        implements OrganizationEvent {}
