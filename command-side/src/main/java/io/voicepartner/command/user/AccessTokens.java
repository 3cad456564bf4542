package io.voicepartner.command.user;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.voicepartner.support.security.TokenSettings;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues the bearer tokens both sides verify: HS256 over {@code SECRET_KEY}, its key id as {@code kid}, subject =
 * user id.
 */
@Component
class AccessTokens {

    static final String ISSUER = "voicepartner";

    record AccessToken(String value, long expiresInSeconds) {}

    private final NimbusJwtEncoder encoder;
    private final String keyId;
    private final TokenSettings settings;
    private final Clock clock;

    AccessTokens(TokenSettings settings) {
        TokenSettings.TokenKey key = settings.signingKey();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new OctetSequenceKey.Builder(key.bytes())
                .keyID(key.id())
                .algorithm(JWSAlgorithm.HS256)
                .build())));
        this.keyId = key.id();
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
        String value = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).keyId(keyId).build(), claims))
                .getTokenValue();
        return new AccessToken(value, settings.accessTokenLifetime().toSeconds());
    }
}
