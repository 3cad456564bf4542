package io.voicepartner.api.organization;

import java.time.Instant;
import java.util.List;

/**
 * Issues an API key that acts for the organization with {@code scopes}. The key's secret is made and shown at the
 * edge and never travels: the command carries its keyed hash only.
 *
 * @param prefix     the key's first characters, which its lists show so that people can tell their keys apart
 * @param secretHash the keyed hash of the whole key, by which each side finds it when it is presented
 * @param expiresAt  when it stops working; {@code null} for a key that works until it is revoked
 */
public record CreateApiKey(
        String organizationId,
        String keyId,
        String name,
        List<ApiKeyScope> scopes,
        String prefix,
        String secretHash,
        Instant expiresAt)
        implements OrganizationCommand {}
