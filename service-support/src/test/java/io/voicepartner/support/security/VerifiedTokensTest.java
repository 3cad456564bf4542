package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** A token is verified once and then remembered, but still expires on time; a forged one is never remembered. */
class VerifiedTokensTest {

    private static final SecretKeySpec KEY =
            new SecretKeySpec("a-test-key-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final Instant ISSUED = Instant.parse("2026-11-24T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtTimestampValidator times = new JwtTimestampValidator(Duration.ZERO);
    private final VerifiedTokens tokens = new VerifiedTokens(countingVerifier(), times, 100);

    @Test
    void verifiesTheSameTokenOnce() {
        times.setClock(at(ISSUED.plusSeconds(60)));
        String token = token("user-1", ISSUED.plusSeconds(600));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("user-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() {
        times.setClock(at(ISSUED.plusSeconds(60)));
        String token = token("user-1", ISSUED.plusSeconds(600));
        tokens.decode(token);

        times.setClock(at(ISSUED.plusSeconds(601)));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void neverRemembersATokenThatFailedVerification() {
        times.setClock(at(ISSUED.plusSeconds(60)));
        String token = token("user-1", ISSUED.plusSeconds(600));
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
    }

    private JwtDecoder countingVerifier() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        nimbus.setJwtValidator(times);
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(ISSUED)
                .expiresAt(expiresAt)
                .build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(KEY))
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
