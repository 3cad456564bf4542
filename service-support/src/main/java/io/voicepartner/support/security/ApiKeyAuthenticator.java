package io.voicepartner.support.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token that is an API key ({@code vp_…}) against the side's own {@link ApiKeys}: a key that
 * is unknown, revoked, of a closed organization or expired is refused ({@code 401}) like a bad token. Each key is
 * looked up on every request, with no cache, so that a revocation this side has stored refuses the key at once; its
 * expiry is checked against the time of the request. Tokens that are no API key go to the JWT provider instead
 * ({@link #presentedBy}). Each accepted use is counted per key ({@code voicepartner.api_keys.authentications}) and
 * remembered for the key's {@code last_used_at} ({@link ApiKeyUses}); refusals are counted by reason
 * ({@code voicepartner.api_keys.refusals}).
 */
final class ApiKeyAuthenticator implements AuthenticationProvider {

    private static final String BEARER = "Bearer " + ApiKeySecrets.KEY_PREFIX;

    private final ApiKeys keys;
    private final ApiKeySecrets secrets;
    private final ApiKeyUses uses;
    private final MeterRegistry meters;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeys keys, ApiKeySecrets secrets, ApiKeyUses uses, MeterRegistry meters, Clock clock) {
        this.keys = keys;
        this.secrets = secrets;
        this.uses = uses;
        this.meters = meters;
        this.clock = clock;
    }

    /** Whether the request's bearer token is an API key, which this provider alone is to check. */
    static boolean presentedBy(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** @return {@code null} for a token that is no API key, which this provider does not take */
    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!ApiKeySecrets.isApiKey(token)) {
            return null;
        }
        List<String> hashes = secrets.storedHashesOf(token);
        Optional<ApiKey> found = hashes.isEmpty() ? Optional.empty() : keys.findLive(hashes);
        Instant now = clock.instant();
        ApiKey key = found.orElseThrow(() -> refused("unknown", "The API key is unknown or revoked."));
        if (key.expiredAt(now)) {
            throw refused("expired", "The API key has expired.");
        }
        Counter.builder("voicepartner.api_keys.authentications")
                .description("Requests an API key authenticated, by key")
                .tag("key_id", key.id())
                .register(meters)
                .increment();
        uses.used(key, now);
        return new ApiKeyAuthentication(key);
    }

    private InvalidBearerTokenException refused(String reason, String message) {
        Counter.builder("voicepartner.api_keys.refusals")
                .description("Requests with an API key that was refused, by reason (unknown or revoked, expired)")
                .tag("reason", reason)
                .register(meters)
                .increment();
        return new InvalidBearerTokenException(message);
    }
}
