package io.voicepartner.support.security;

import io.voicepartner.support.security.RevokedTokens.TokenCheck;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Authenticates a signed-in user's JWT: verified by its signature and times ({@link VerifiedTokens}), then refused if
 * the side's {@link RevokedTokens} hold it, on every use. For a request, the statement that reads the revocation also
 * reads the user's role in the organization the request names before its route is known, which
 * {@link OrganizationAccess} then takes instead of asking {@link Memberships} again (ADR 0054).
 */
final class UserTokenAuthentication {

    private final JwtAuthenticationProvider verified;
    private final RevokedTokens revokedTokens;

    UserTokenAuthentication(JwtAuthenticationProvider verified, RevokedTokens revokedTokens) {
        this.verified = verified;
        this.revokedTokens = revokedTokens;
    }

    /** For a token that arrives outside a request's route: the first message of a WebSocket. */
    AuthenticationManager manager() {
        return bearer -> notRevoked(verified.authenticate(bearer));
    }

    /** For the request's own {@code Authorization} header. */
    AuthenticationManager managerFor(HttpServletRequest request) {
        return bearer -> {
            Authentication authenticated = verified.authenticate(bearer);
            Jwt token = (Jwt) authenticated.getPrincipal();
            String organizationId = OrganizationAccess.organizationNamedBeforeRouting(request, token.getSubject());
            if (organizationId == null) {
                return notRevoked(authenticated);
            }
            TokenCheck check =
                    revokedTokens.check(token.getSubject(), token.getId(), generation(token), organizationId);
            if (check.revoked()) {
                throw revoked();
            }
            OrganizationAccess.roleReadWithToken(request, token.getSubject(), organizationId, check.role());
            return authenticated;
        };
    }

    private Authentication notRevoked(Authentication authenticated) {
        Jwt token = (Jwt) authenticated.getPrincipal();
        if (revokedTokens.revoked(token.getSubject(), token.getId(), generation(token))) {
            throw revoked();
        }
        return authenticated;
    }

    /** The count of password changes before the token was issued; 0 for a token from before tokens had one. */
    private static long generation(Jwt token) {
        return token.getClaims().get(RevokedTokens.GENERATION_CLAIM) instanceof Number number ? number.longValue() : 0L;
    }

    private static InvalidBearerTokenException revoked() {
        return new InvalidBearerTokenException("The token was revoked");
    }
}
