package io.voicepartner.support.security;

import jakarta.servlet.http.HttpServletRequest;
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
    private final UserTokenAuthentication users;
    private final AuthenticationManager usersOutsideRequests;

    TokenAuthentication(AuthenticationManager apiKeys, UserTokenAuthentication users) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.usersOutsideRequests = users.manager();
    }

    /** What checks an API key, and only that. */
    AuthenticationManager apiKeyManager() {
        return apiKeys;
    }

    /** What checks the signed-in user's JWT a request presents. */
    AuthenticationManager userManagerFor(HttpServletRequest request) {
        return users.managerFor(request);
    }

    /**
     * @return the authentication whose principal is a {@code Jwt} (a user) or an {@link ApiKey}
     * @throws AuthenticationException if the token is invalid, expired, unknown or revoked
     */
    public Authentication authenticate(String token) {
        return (ApiKeySecrets.isApiKey(token) ? apiKeys : usersOutsideRequests)
                .authenticate(new BearerTokenAuthenticationToken(token));
    }
}
