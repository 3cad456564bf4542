package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts the credentials of tools before they enter a command, so that the event store and Kafka only
 * ever hold ciphertext: AES-256-GCM with a fresh random 96-bit nonce per value, under the key of
 * {@code SECRETS_KEY} (the base64 of 32 bytes), which only the command side has. A value is stored as
 * {@code v1:} + base64(nonce, ciphertext, tag); the prefix names the format so that a later key rotation
 * can tell the values it has to re-encrypt. Decrypting is for the calls the platform makes to a tool.
 */
@Component
class SecretBox {

    /** Only for development and tests; in production mode a start without {@code SECRETS_KEY} is refused. */
    static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS1zZWNyZXRzLWtleS0zMmI=";
    /** What the read API shows in place of a secret (followed by its last four characters, if it shows them). */
    static final String MASK = "••••";
    /** A shorter secret would give too much of itself away through its last four characters. */
    static final int SHOWN_FROM_LENGTH = 12;

    private static final String FORMAT = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${voicepartner.secrets.key:}") String key,
              @Value("${voicepartner.security.production:false}") boolean production) {
        if (key == null || key.isBlank()) {
            if (production) {
                throw new IllegalStateException("SECRETS_KEY must be set in production mode");
            }
            key = DEVELOPMENT_KEY;
        }
        if (production && DEVELOPMENT_KEY.equals(key.trim())) {
            throw new IllegalStateException("SECRETS_KEY must not be the development key in production mode");
        }
        this.key = new SecretKeySpec(decodeKey(key.trim()), "AES");
    }

    SecretValue encrypt(String clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new SecretValue(FORMAT + Base64.getEncoder().encodeToString(stored), lastFour(clear));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** @throws IllegalArgumentException if the value was not encrypted under this key, or was altered */
    String decrypt(SecretValue secret) {
        byte[] stored = stored(secret.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
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
    boolean same(SecretValue one, SecretValue other) {
        if (one.equals(other)) {
            return true;
        }
        if (!one.lastFour().equals(other.lastFour())) {
            return false;
        }
        return MessageDigest.isEqual(decrypt(one).getBytes(StandardCharsets.UTF_8),
                decrypt(other).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] stored(String ciphertext) {
        byte[] stored = null;
        if (ciphertext != null && ciphertext.startsWith(FORMAT)) {
            try {
                stored = Base64.getDecoder().decode(ciphertext.substring(FORMAT.length()));
            } catch (IllegalArgumentException e) {
                // refused below
            }
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

    private static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SECRETS_KEY must be base64 (of " + KEY_BYTES + " random bytes)", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("SECRETS_KEY must be the base64 of " + KEY_BYTES
                    + " bytes (AES-256), not " + bytes.length);
        }
        return bytes;
    }
}
