package io.voicepartner.support.security;

import io.voicepartner.api.organization.ApiKeyScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An API key as a side finds it when it is presented: the organization it acts for and its scopes, never its
 * secret. The principal of a request authenticated by a key.
 *
 * @param expiresAt when it stops working; {@code null} for a key that works until it is revoked
 */
public record ApiKey(String id, String organizationId, Set<ApiKeyScope> scopes, Instant expiresAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean expiredAt(Instant when) {
        return expiresAt != null && !when.isBefore(expiresAt);
    }

    /** Scopes as the tables that keep keys store them: their wire names, in their order, space-separated. */
    public static String storedScopes(Collection<ApiKeyScope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(ApiKeyScope::wireName).collect(Collectors.joining(" "));
    }

    /** The scopes {@link #storedScopes} stored. */
    public static Set<ApiKeyScope> scopesStored(String stored) {
        return Arrays.stream(stored.split(" "))
                .map(ApiKeyScope::fromWireName)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiKeyScope.class)));
    }

    /** The caller it is in its organization. */
    ApiKeyCaller caller() {
        return new ApiKeyCaller(id, organizationId, scopes);
    }
}
