package io.voicepartner.support.personal;

import io.voicepartner.support.security.KeyIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Rotation (ADR 0043): the key before, {@code PERSONAL_DATA_KEY_PREVIOUS} (comma-separated), still unwraps the keys
 * stored under it, on every side, while the command side rewraps them under the current one at start-up
 * ({@link PersonalDataKeys#rewrapStored}); new keys are only ever wrapped under the current one.
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
    /** The previous keys by their ids: they unwrap, never wrap. */
    private final Map<String, SecretKeySpec> previous;

    private final SecureRandom random = new SecureRandom();

    private KeyWrapping(byte[] key, List<byte[]> previousKeys) {
        this.key = new SecretKeySpec(key, "AES");
        this.id = KeyIds.of(key);
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        for (byte[] previousKey : previousKeys) {
            String previousId = KeyIds.of(previousKey);
            if (!previousId.equals(id)) {
                byId.putIfAbsent(previousId, new SecretKeySpec(previousKey, "AES"));
            }
        }
        this.previous = Map.copyOf(byId);
    }

    /**
     * @param configured {@code PERSONAL_DATA_KEY}, blank when not set
     * @param previousKeys {@code PERSONAL_DATA_KEY_PREVIOUS}: the keys before it, comma-separated, blank when none
     */
    public static KeyWrapping configured(String configured, String previousKeys, boolean production) {
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
        List<byte[]> previous = new ArrayList<>();
        for (String previousKey : (previousKeys == null ? "" : previousKeys).split(",")) {
            String trimmed = previousKey.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            // a production platform never wrapped under the published key (it refuses to start with it): a key
            // found under it there was put by someone who read the repository, and must not open
            if (production && trimmed.equals(DEVELOPMENT_KEY)) {
                throw new IllegalStateException("PERSONAL_DATA_KEY_PREVIOUS holds the development key published in "
                        + "the repository, which VOICEPARTNER_PRODUCTION=true never wrapped under: rotate away from it "
                        + "on a start without VOICEPARTNER_PRODUCTION, then start in production without it");
            }
            previous.add(decode(trimmed, "PERSONAL_DATA_KEY_PREVIOUS"));
        }
        return new KeyWrapping(value.isEmpty() ? decode(DEVELOPMENT_KEY) : decode(value), previous);
    }

    /** Under the published development key: for development and tests. */
    public static KeyWrapping development() {
        return new KeyWrapping(decode(DEVELOPMENT_KEY), List.of());
    }

    /** The id stored with each key wrapped under this one. */
    String id() {
        return id;
    }

    /** The ids of the previous keys, whose rows the command side rewraps under this one. */
    List<String> previousIds() {
        return List.copyOf(previous.keySet());
    }

    byte[] wrap(String subjectId, byte[] personalKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, subjectId).doFinal(personalKey);
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
        SecretKeySpec wrappingKey = wrappedBy.equals(id) ? key : previous.get(wrappedBy);
        if (wrappingKey == null) {
            throw new IllegalStateException("The key of " + subjectId + " is wrapped under platform key " + wrappedBy
                    + ", which neither PERSONAL_DATA_KEY nor PERSONAL_DATA_KEY_PREVIOUS is: set the key the platform "
                    + "had as PERSONAL_DATA_KEY_PREVIOUS");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, wrappingKey, Arrays.copyOfRange(stored, 0, NONCE_BYTES), subjectId)
                    .doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The key of " + subjectId + " does not unwrap under platform key " + wrappedBy, e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String subjectId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String base64) {
        return decode(base64, "PERSONAL_DATA_KEY");
    }

    private static byte[] decode(String base64, String variable) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not base64", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(variable + " must be the base64 of " + KEY_BYTES + " bytes");
        }
        return bytes;
    }
}
