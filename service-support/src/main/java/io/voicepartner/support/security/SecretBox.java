package io.voicepartner.support.security;

import io.voicepartner.api.common.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;

/**
 * Encrypts the credentials of tools and the signing secrets of webhook endpoints before they enter a command, so
 * that the event store and Kafka only ever hold ciphertext: AES-256-GCM with a fresh random 96-bit nonce per value,
 * under the key of {@code SECRETS_KEY} (the base64 of 32 bytes), which only the command side and the query side have
 * (ADR 0032). There is no built-in key: a
 * start without one, or with the development key the repository once published, is refused.
 *
 * <p>A value is stored as {@code v2:<key id>:} + base64(nonce, ciphertext, tag), the key id naming the key it was
 * encrypted under ({@link KeyIds}), so that after a rotation the previous keys ({@code SECRETS_KEY_PREVIOUS},
 * comma-separated) still open what they sealed, and a write can tell the values it has to re-encrypt under the
 * current key ({@link #underCurrentKey}). Values of the earlier format, {@code v1:} + base64(…) without a key id,
 * are opened by whichever configured key fits: GCM's tag tells a wrong key apart. Decrypting is for the calls
 * the platform makes to a tool, for signing webhooks with their endpoints' secrets, and for those re-encryptions.
 *
 * <p>Not a component of service-support's scan, which every side imports: only the sides that hold
 * {@code SECRETS_KEY} (the command side, and the query side that signs webhooks) {@code @Import} it, so that a side
 * without the key, analytics, starts without it.
 */
public class SecretBox {

    /** What the read API shows in place of a secret (followed by its last four characters, if it shows them). */
    public static final String MASK = "••••";
    /** A shorter secret would give too much of itself away through its last four characters. */
    public static final int SHOWN_FROM_LENGTH = 12;

    /**
     * The development key the repository published until issue 17: never a key to encrypt with. It is accepted
     * among the previous keys, so that credentials a local platform stored under it can be read and re-encrypted.
     */
    public static final String PUBLISHED_KEY = "ZGV2ZWxvcG1lbnQtb25seS1zZWNyZXRzLWtleS0zMmI=";

    private static final String FORMAT = "v2:";
    private static final String KEYLESS_FORMAT = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * A cipher per thread, initialised afresh for every value: looking the provider up and expanding the key again for
     * each value, as a new cipher does, cost ten times the work on the value itself, and the runtime's call-start
     * lookup opens every credential of a version per call.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    });

    private final String currentId;
    private final SecretKeySpec current;
    /** Every key that may open a value, the current one first. */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    private final SecureRandom random = new SecureRandom();

    public SecretBox(
            @Value("${voicepartner.secrets.key:}") String key,
            @Value("${voicepartner.secrets.previous-keys:}") String previousKeys) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(
                    "SECRETS_KEY is not set: tools' credentials are encrypted with it, and "
                            + "there is no built-in key. Set SECRETS_KEY to the base64 of " + KEY_BYTES
                            + " random bytes (for "
                            + "example the output of `openssl rand -base64 32`); ./run makes one for a local platform in .data/");
        }
        if (PUBLISHED_KEY.equals(key.trim())) {
            throw new IllegalStateException("SECRETS_KEY is the development key once published in the repository, "
                    + "with which anyone can read the credentials: set a random one (openssl rand -base64 32)");
        }
        this.current = new SecretKeySpec(decodeKey(key.trim(), "SECRETS_KEY"), "AES");
        this.currentId = KeyIds.of(current.getEncoded());
        keys.put(currentId, current);
        if (previousKeys != null) {
            for (String previous : previousKeys.split(",")) {
                if (!previous.isBlank()) {
                    byte[] bytes = decodeKey(previous.trim(), "SECRETS_KEY_PREVIOUS");
                    keys.putIfAbsent(KeyIds.of(bytes), new SecretKeySpec(bytes, "AES"));
                }
            }
        }
    }

    public SecretValue encrypt(String clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return new SecretValue(
                    FORMAT + currentId + ":" + Base64.getEncoder().encodeToString(stored), lastFour(clear));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** @throws IllegalArgumentException if the value was not encrypted under a configured key, or was altered */
    public String decrypt(SecretValue secret) {
        String ciphertext = secret.ciphertext() == null ? "" : secret.ciphertext();
        if (ciphertext.startsWith(FORMAT)) {
            int colon = ciphertext.indexOf(':', FORMAT.length());
            String keyId = colon < 0 ? "" : ciphertext.substring(FORMAT.length(), colon);
            SecretKeySpec key = keys.get(keyId);
            if (key == null) {
                throw new IllegalArgumentException("The secret was encrypted under key " + keyId + ", which is neither "
                        + "SECRETS_KEY nor one of SECRETS_KEY_PREVIOUS");
            }
            return open(key, stored(ciphertext.substring(colon + 1)));
        }
        if (ciphertext.startsWith(KEYLESS_FORMAT)) {
            byte[] stored = stored(ciphertext.substring(KEYLESS_FORMAT.length()));
            for (SecretKeySpec key : keys.values()) {
                try {
                    return open(key, stored);
                } catch (IllegalArgumentException anotherKey) {
                    // the next key may be the one
                }
            }
            throw new IllegalArgumentException(
                    "The secret was encrypted under none of the keys configured, or was " + "altered");
        }
        throw new IllegalArgumentException("Not a secret this platform encrypted");
    }

    /** The value as it is if the current key sealed it, else the same secret encrypted under the current key. */
    public SecretValue underCurrentKey(SecretValue secret) {
        if (secret.ciphertext() != null && secret.ciphertext().startsWith(FORMAT + currentId + ":")) {
            return secret;
        }
        return new SecretValue(encrypt(decrypt(secret)).ciphertext(), secret.lastFour());
    }

    private static String open(SecretKeySpec key, byte[] stored) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            byte[] clear = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // another key or an altered value: either way it cannot be trusted
            throw new IllegalArgumentException("The secret was encrypted under another key, or was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /**
     * Whether two encrypted values hold the same secret. Each encryption has its own nonce, so equal
     * secrets have different ciphertexts; an update that re-sends a secret unchanged is no change.
     */
    public boolean same(SecretValue one, SecretValue other) {
        if (one.equals(other)) {
            return true;
        }
        if (!one.lastFour().equals(other.lastFour())) {
            return false;
        }
        return MessageDigest.isEqual(
                decrypt(one).getBytes(StandardCharsets.UTF_8), decrypt(other).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] stored(String base64) {
        byte[] stored = null;
        try {
            stored = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // refused below
        }
        if (stored == null || stored.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("Not a secret this platform encrypted");
        }
        return stored;
    }

    private static String lastFour(String clear) {
        int length = clear.codePointCount(0, clear.length());
        if (length < SHOWN_FROM_LENGTH) {
            return "";
        }
        return clear.substring(clear.offsetByCodePoints(0, length - 4));
    }

    private static byte[] decodeKey(String base64, String variable) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " must be base64 (of " + KEY_BYTES + " random bytes)", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(
                    variable + " must be the base64 of " + KEY_BYTES + " bytes (AES-256), not " + bytes.length);
        }
        return bytes;
    }
}
