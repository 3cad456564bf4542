package io.voicepartner.command.user;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.security.RevokedTokens;
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
 * user id, an id of its own ({@code jti}) by which signing out revokes it, and the generation of the user's tokens
 * ({@value RevokedTokens#GENERATION_CLAIM}) by which a password change revokes every one issued before.
 */
@Component
class AccessTokens {

    static final String ISSUER = "voicepartner";

    record AccessToken(String value, long expiresInSeconds) {}

    private final NimbusJwtEncoder encoder;
    private final String keyId;
    private final TokenSettings settings;
    private final Ids ids;
    private final Clock clock;

    AccessTokens(TokenSettings settings, Ids ids) {
        TokenSettings.TokenKey key = settings.signingKey();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new OctetSequenceKey.Builder(key.bytes())
                .keyID(key.id())
                .algorithm(JWSAlgorithm.HS256)
                .build())));
        this.keyId = key.id();
        this.settings = settings;
        this.ids = ids;
        this.clock = Clock.systemUTC();
    }

    /** @param generation the user's token generation now ({@link Credentials.Stored#tokenGeneration()}) */
    AccessToken issue(String userId, long generation) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenLifetime());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId)
                .id(ids.next())
                .claim(RevokedTokens.GENERATION_CLAIM, generation)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).keyId(keyId).build(), claims))
                .getTokenValue();
        return new AccessToken(value, settings.accessTokenLifetime().toSeconds());
    }
}
