package io.voicepartner.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are signed and how long they live ({@code SECRET_KEY}, {@code SECRET_KEY_PREVIOUS},
 * {@code ACCESS_TOKEN_EXPIRE_MINUTES}). There is no built-in key: a start without {@code SECRET_KEY} is refused,
 * and so is the development key this repository once published, so that no one can forge a token with a key
 * they read here ({@code ./run} makes a random one for a local platform). Tokens carry the id of the key that
 * signed them ({@link KeyIds}); the previous key, after a rotation, still verifies the tokens it signed until
 * they expire, and signs nothing.
 */
@ConfigurationProperties("voicepartner.security")
public record TokenSettings(String secretKey, String secretKeyPrevious, int accessTokenExpireMinutes) {

    /** A key of HS256: its id and its bytes. */
    public record TokenKey(String id, byte[] bytes) {}

    private static final int MIN_KEY_BYTES = 32;
    /** The development key the repository published until issue 17: refused, as anyone can sign with it. */
    private static final String PUBLISHED_KEY = "development-only-secret-key-change-me-0123456789";

    public TokenSettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalStateException("SECRET_KEY is not set: bearer tokens are signed with it, and there is "
                    + "no built-in key. Set SECRET_KEY to at least " + MIN_KEY_BYTES + " random bytes (for example "
                    + "the output of `openssl rand -base64 48`); ./run makes one for a local platform in .data/");
        }
        require(secretKey, "SECRET_KEY");
        if (secretKeyPrevious != null && secretKeyPrevious.isBlank()) {
            secretKeyPrevious = null;
        }
        if (secretKeyPrevious != null) {
            require(secretKeyPrevious, "SECRET_KEY_PREVIOUS");
        }
        if (accessTokenExpireMinutes <= 0) {
            accessTokenExpireMinutes = 30;
        }
    }

    private static void require(String key, String variable) {
        if (MessageDigest.isEqual(
                PUBLISHED_KEY.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException(variable + " is the development key once published in the repository, "
                    + "with which anyone can sign a token: set a random one (openssl rand -base64 48)");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException(variable + " must be at least " + MIN_KEY_BYTES + " bytes for HS256");
        }
    }

    /** The key new tokens are signed with. */
    public TokenKey signingKey() {
        byte[] bytes = secretKey.getBytes(StandardCharsets.UTF_8);
        return new TokenKey(KeyIds.of(bytes), bytes);
    }

    /** The keys a token may be signed with, by id: the current one, and the previous one if set. */
    public Map<String, TokenKey> verificationKeys() {
        Map<String, TokenKey> keys = new LinkedHashMap<>();
        TokenKey current = signingKey();
        keys.put(current.id(), current);
        if (secretKeyPrevious != null) {
            byte[] bytes = secretKeyPrevious.getBytes(StandardCharsets.UTF_8);
            keys.putIfAbsent(KeyIds.of(bytes), new TokenKey(KeyIds.of(bytes), bytes));
        }
        return keys;
    }

    public Duration accessTokenLifetime() {
        return Duration.ofMinutes(accessTokenExpireMinutes);
    }

    @Override
    public String toString() {
        return "TokenSettings[keys=" + verificationKeys().keySet() + ", accessTokenExpireMinutes="
                + accessTokenExpireMinutes + "]";
    }
}
