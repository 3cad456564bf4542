package io.voicepartner.support.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API key: the key is its principal, and its name the actor it writes as. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(List.of());
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public ApiKey getPrincipal() {
        return key;
    }

    /** Nothing: the key's secret is not kept past its check. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return ApiKeyCaller.ACTOR_PREFIX + key.id();
    }
}
