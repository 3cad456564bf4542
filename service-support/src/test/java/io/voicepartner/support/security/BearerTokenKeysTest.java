package io.voicepartner.support.security;

import static io.voicepartner.support.security.TokenSettingsTest.randomKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Which key verifies a token: the one its {@code kid} names, among the current and the previous key only. */
class BearerTokenKeysTest {

    private static final String PUBLISHED_KEY = "development-only-secret-key-change-me-0123456789";

    private final String current = randomKey();
    private final String previous = randomKey();
    private final JwtDecoder decoder = BearerTokenSecurity.verifiedTokens(new TokenSettings(current, previous, 30));

    @Test
    void acceptsATokenSignedWithTheCurrentKey() {
        assertThat(decoder.decode(token(current, KeyIds.of(current.getBytes(UTF_8))))
                        .getSubject())
                .isEqualTo("ada");
    }

    @Test
    void acceptsATokenSignedWithThePreviousKeyUntilItExpires() {
        assertThat(decoder.decode(token(previous, KeyIds.of(previous.getBytes(UTF_8))))
                        .getSubject())
                .isEqualTo("ada");
    }

    @Test
    void refusesATokenSignedWithTheKeyThatWasPublishedInTheRepository() {
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token(PUBLISHED_KEY, null)));
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(token(PUBLISHED_KEY, KeyIds.of(PUBLISHED_KEY.getBytes(UTF_8)))));
    }

    @Test
    void refusesATokenWithoutAKeyIdOrNamingAnotherKey() {
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token(current, null)));
        assertThatExceptionOfType(JwtException.class)
                .isThrownBy(() -> decoder.decode(token(current, KeyIds.of(previous.getBytes(UTF_8)))));
    }

    private static String token(String key, String keyId) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        long now = Instant.now().getEpochSecond();
        String input = part("{" + json(header) + "}") + "."
                + part("{\"sub\":\"ada\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
            return input + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> fields) {
        return String.join(
                ",",
                fields.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .toList());
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
    }
}
