package io.voicepartner.support.personal;

import io.voicepartner.support.security.KeyIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each person's key is stored wrapped under the platform's key, {@code PERSONAL_DATA_KEY} (the base64 of 32 bytes),
 * AES-256-GCM with the subject id as associated data (ADR 0036): a dump of the database, or a backup, opens no sealed
 * value without the platform's configuration, and a wrapped key cannot be moved to another subject. The stored row
 * names the platform key it was wrapped under by its {@link KeyIds id}. Production refuses to start without the key,
 * or with the development key published here (fail closed); elsewhere that development key is the default, so that
 * every platform wraps.
 */
public final class KeyWrapping {

    /** The development default, published in the repository: never a key for production. */
    public static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS1wZXJzb25hbC1kYXRhLWs=";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String id;
    private final SecureRandom random = new SecureRandom();

    private KeyWrapping(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.id = KeyIds.of(key);
    }

    /** @param configured {@code PERSONAL_DATA_KEY}, blank when not set */
    public static KeyWrapping configured(String configured, boolean production) {
        String value = configured == null ? "" : configured.trim();
        if (production && value.isEmpty()) {
            throw new IllegalStateException("PERSONAL_DATA_KEY is not set, and VOICEPARTNER_PRODUCTION=true refuses "
                    + "to store persons' keys unwrapped or under the development key: set it to the base64 of "
                    + KEY_BYTES + " random bytes (openssl rand -base64 32), the same on every side");
        }
        if (production && value.equals(DEVELOPMENT_KEY)) {
            throw new IllegalStateException("PERSONAL_DATA_KEY is the development key published in the repository, "
                    + "which would open every person's key: set a random one (openssl rand -base64 32)");
        }
        return value.isEmpty() ? development() : new KeyWrapping(decode(value));
    }

    /** Under the published development key: for development and tests. */
    public static KeyWrapping development() {
        return new KeyWrapping(decode(DEVELOPMENT_KEY));
    }

    /** The id stored with each key wrapped under this one. */
    String id() {
        return id;
    }

    byte[] wrap(String subjectId, byte[] personalKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, subjectId).doFinal(personalKey);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** @param wrappedBy the id stored with it; {@code null} for a key stored before keys were wrapped */
    byte[] unwrap(String subjectId, String wrappedBy, byte[] stored) {
        if (wrappedBy == null) {
            return stored;
        }
        if (!wrappedBy.equals(id)) {
            throw new IllegalStateException("The key of " + subjectId + " is wrapped under platform key " + wrappedBy
                    + ", which PERSONAL_DATA_KEY is not: set the key the platform had");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(stored, 0, NONCE_BYTES), subjectId)
                    .doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key of " + subjectId + " does not unwrap under PERSONAL_DATA_KEY", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String subjectId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PERSONAL_DATA_KEY is not base64", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("PERSONAL_DATA_KEY must be the base64 of " + KEY_BYTES + " bytes");
        }
        return bytes;
    }
}
