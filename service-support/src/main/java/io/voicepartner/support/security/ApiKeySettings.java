package io.voicepartner.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key API keys are hashed under ({@code API_KEY_HASH_KEY}, {@code API_KEY_HASH_KEY_PREVIOUS}) and how often the
 * uses of keys are passed on ({@code API_KEY_USES_FLUSH_INTERVAL}). There is no built-in hash key: a start without
 * one is refused, whatever the mode, so that no key written in this repository ever hashes a platform's API keys
 * (ADR 0021, ADR 0028); {@code ./run} makes one for a local platform. Every side needs the same one: the command side
 * hashes a new key into its event, and each side finds a presented key by that hash.
 */
@ConfigurationProperties("voicepartner.api-keys")
public record ApiKeySettings(String hashKey, String hashKeyPrevious, Duration usesFlushInterval) {

    private static final int MIN_KEY_BYTES = 32;

    public ApiKeySettings {
        if (hashKey == null || hashKey.isBlank()) {
            throw new IllegalStateException("API_KEY_HASH_KEY is not set: API keys are stored as a keyed hash under "
                    + "it, and there is no built-in key. Set API_KEY_HASH_KEY to at least " + MIN_KEY_BYTES
                    + " random bytes (for example the output of `openssl rand -base64 48`), the same on every side; "
                    + "./run makes one for a local platform in .data/");
        }
        require(hashKey, "API_KEY_HASH_KEY");
        if (hashKeyPrevious != null && hashKeyPrevious.isBlank()) {
            hashKeyPrevious = null;
        }
        if (hashKeyPrevious != null) {
            require(hashKeyPrevious, "API_KEY_HASH_KEY_PREVIOUS");
        }
        if (usesFlushInterval == null || usesFlushInterval.isNegative() || usesFlushInterval.isZero()) {
            usesFlushInterval = Duration.ofSeconds(30);
        }
    }

    private static void require(String key, String variable) {
        if (key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException(variable + " must be at least " + MIN_KEY_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return "ApiKeySettings[previous=" + (hashKeyPrevious != null) + ", usesFlushInterval=" + usesFlushInterval
                + "]";
    }
}
