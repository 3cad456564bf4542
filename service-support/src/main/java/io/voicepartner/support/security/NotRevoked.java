package io.voicepartner.support.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses a token its user signed out with, or one issued before their password last changed. */
final class NotRevoked implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The token was revoked", null);

    private final RevokedTokens revokedTokens;

    NotRevoked(RevokedTokens revokedTokens) {
        this.revokedTokens = revokedTokens;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object generation = token.getClaims().get(RevokedTokens.GENERATION_CLAIM);
        long issuedIn = generation instanceof Number number ? number.longValue() : 0L;
        return revokedTokens.revoked(token.getSubject(), token.getId(), issuedIn)
                ? OAuth2TokenValidatorResult.failure(REVOKED)
                : OAuth2TokenValidatorResult.success();
    }
}
