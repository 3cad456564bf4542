package io.voicepartner.support.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Checks a bearer token as every route's security does: an API key ({@code vp_…}) by its own provider, anything else
 * as a signed-in user's JWT. For a token that arrives outside the {@code Authorization} header: the first message of
 * a WebSocket, which a browser cannot open with headers.
 */
public final class TokenAuthentication {

    private final AuthenticationManager apiKeys;
    private final AuthenticationManager jwts;

    TokenAuthentication(AuthenticationManager apiKeys, AuthenticationManager jwts) {
        this.apiKeys = apiKeys;
        this.jwts = jwts;
    }

    /** What checks an API key, and only that. */
    AuthenticationManager apiKeyManager() {
        return apiKeys;
    }

    /** What checks a signed-in user's JWT. */
    AuthenticationManager jwtManager() {
        return jwts;
    }

    /**
     * @return the authentication whose principal is a {@code Jwt} (a user) or an {@link ApiKey}
     * @throws AuthenticationException if the token is invalid, expired, unknown or revoked
     */
    public Authentication authenticate(String token) {
        return (ApiKeySecrets.isApiKey(token) ? apiKeys : jwts).authenticate(new BearerTokenAuthenticationToken(token));
    }
}
