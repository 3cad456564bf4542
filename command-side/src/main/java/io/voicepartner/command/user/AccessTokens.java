package io.voicepartner.command.user;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.voicepartner.support.security.TokenSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Instant;

/** Issues the bearer tokens both sides verify: HS256 over {@code SECRET_KEY}, subject = user id. */
@Component
class AccessTokens {

    static final String ISSUER = "voicepartner";

    record AccessToken(String value, long expiresInSeconds) {
    }

    private final NimbusJwtEncoder encoder;
    private final TokenSettings settings;
    private final Clock clock;

    AccessTokens(TokenSettings settings) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(settings.secretKeyBytes(), "HmacSHA256")));
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    AccessToken issue(String userId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenLifetime());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new AccessToken(value, settings.accessTokenLifetime().toSeconds());
    }
}
