package io.voicepartner.support.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.ConcurrentLruCache;

/**
 * Remembers the tokens whose signature and claims were verified, so that a client sending the same token
 * request after request has it parsed and its HMAC checked once rather than every time (the profile of a
 * write showed the token's Base64 decoding and MAC at a tenth of a request's CPU). Only exactly the same
 * string is found again, and its times are checked on every use, so an expired token is refused as before (and its
 * revocation is checked on every use by {@link UserTokenAuthentication}).
 * A token that fails verification is not remembered.
 */
final class VerifiedTokens implements JwtDecoder {

    private final ConcurrentLruCache<String, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> onEveryUse;

    /**
     * @param verifier   checks signature and claims, times included
     * @param onEveryUse the checks repeated on every use of a remembered token: its times
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> onEveryUse, int capacity) {
        this.verified = new ConcurrentLruCache<>(capacity, verifier::decode);
        this.onEveryUse = onEveryUse;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token);
        OAuth2TokenValidatorResult result = onEveryUse.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("The token is no longer valid", result.getErrors());
        }
        return jwt;
    }
}
