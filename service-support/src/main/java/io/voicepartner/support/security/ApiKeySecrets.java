package io.voicepartner.support.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys' secrets: {@code vp_} and 32 random bytes (base64url, 43 characters), shown once to whoever creates the
 * key. Only a keyed hash is kept, HMAC-SHA256 under the platform's hash key ({@link ApiKeySettings}), stored as
 * {@code <hash key id>:<hex>} so that a key hashed before a rotation is still found under the previous hash key. A
 * fast hash is right for a secret of 256 random bits, which no dictionary holds, and lets every request find its key
 * by an index; the key of the hash makes a stolen table or event worthless without the platform's configuration
 * (ADR 0028).
 */
public final class ApiKeySecrets {

    /** What every API key starts with, which tells it from a signed-in user's token. */
    public static final String KEY_PREFIX = "vp_";

    private static final int SECRET_BYTES = 32;
    private static final Pattern KEY = Pattern.compile(KEY_PREFIX + "[A-Za-z0-9_-]{43}");
    /** How much of a key its lists show: the prefix and 8 characters, 48 random bits. */
    private static final int SHOWN = KEY_PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key, shown once, with what is stored of it. */
    public record Issued(String key, String prefix, String secretHash) {

        @Override
        public String toString() {
            return "Issued[prefix=" + prefix + "]";
        }
    }

    private record HashKey(String id, SecretKeySpec key) {}

    /** The current hash key first, then the previous one if there is one. */
    private final List<HashKey> hashKeys;

    public ApiKeySecrets(ApiKeySettings settings) {
        List<HashKey> keys = new ArrayList<>();
        keys.add(hashKey(settings.hashKey()));
        if (settings.hashKeyPrevious() != null) {
            keys.add(hashKey(settings.hashKeyPrevious()));
        }
        this.hashKeys = List.copyOf(keys);
    }

    /** Whether a bearer token is meant as an API key (rather than a signed-in user's token). */
    public static boolean isApiKey(String token) {
        return token.startsWith(KEY_PREFIX);
    }

    public Issued issue() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(key, key.substring(0, SHOWN), hash(hashKeys.get(0), key));
    }

    /**
     * The stored hashes {@code key} may have: under the current hash key and under the previous one. None for a
     * string that is no key this platform could have issued, which then finds nothing.
     */
    public List<String> storedHashesOf(String key) {
        if (!KEY.matcher(key).matches()) {
            return List.of();
        }
        return hashKeys.stream().map(hashKey -> hash(hashKey, key)).toList();
    }

    private static String hash(HashKey hashKey, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey.key());
            return hashKey.id() + ":" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static HashKey hashKey(String configured) {
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        return new HashKey(KeyIds.of(bytes), new SecretKeySpec(bytes, "HmacSHA256"));
    }
}
