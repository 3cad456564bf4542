package io.voicepartner.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How bearer tokens are signed and how long they live ({@code SECRET_KEY},
 * {@code ACCESS_TOKEN_EXPIRE_MINUTES}). In production mode the development key is refused at start-up.
 */
@ConfigurationProperties("voicepartner.security")
public record TokenSettings(String secretKey, int accessTokenExpireMinutes, boolean production) {

    public static final String DEVELOPMENT_KEY = "development-only-secret-key-change-me-0123456789";
    private static final int MIN_KEY_BYTES = 32;

    public TokenSettings {
        if (secretKey == null || secretKey.isBlank()) {
            secretKey = DEVELOPMENT_KEY;
        }
        if (accessTokenExpireMinutes <= 0) {
            accessTokenExpireMinutes = 30;
        }
        if (production && DEVELOPMENT_KEY.equals(secretKey)) {
            throw new IllegalStateException("SECRET_KEY must be set in production mode");
        }
        if (secretKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException("SECRET_KEY must be at least " + MIN_KEY_BYTES + " bytes for HS256");
        }
    }

    public byte[] secretKeyBytes() {
        return secretKey.getBytes(StandardCharsets.UTF_8);
    }

    public Duration accessTokenLifetime() {
        return Duration.ofMinutes(accessTokenExpireMinutes);
    }
}
