package io.voicepartner.support.security;

import io.voicepartner.api.organization.ApiKeyScope;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An API key as the caller: it acts for its organization, with its scopes and nothing else. It is no person: it
 * has no user id and no role, never reaches a route of a person ({@link Personal}), and the events it causes name
 * it as {@code api_key:<key id>}.
 */
public final class ApiKeyCaller extends Caller {

    /** How an actor that is an API key is written: this, then the key's id. */
    public static final String ACTOR_PREFIX = "api_key:";

    private final String keyId;
    private final Set<ApiKeyScope> scopes;

    public ApiKeyCaller(String keyId, String organizationId, Set<ApiKeyScope> scopes) {
        super(null, organizationId, null);
        this.keyId = keyId;
        this.scopes = Set.copyOf(scopes);
    }

    public String keyId() {
        return keyId;
    }

    public Set<ApiKeyScope> scopes() {
        return scopes;
    }

    @Override
    public boolean may(Permission permission) {
        return permission.scope().filter(scopes::contains).isPresent();
    }

    @Override
    public String actor() {
        return ACTOR_PREFIX + keyId;
    }

    @Override
    String shortOf(Permission permission) {
        return permission
                .scope()
                .map(scope -> "This API key's scopes are "
                        + scopes.stream().map(ApiKeyScope::wireName).sorted().collect(Collectors.joining(", "))
                        + "; this needs '" + scope.wireName() + "'.")
                .orElse("No API key may do this: it takes a member whose role is '"
                        + permission.least().wireName() + "' or higher.");
    }

    @Override
    public String toString() {
        return "ApiKeyCaller[keyId=" + keyId + ", organizationId=" + organizationId() + ", scopes=" + scopes + "]";
    }
}
