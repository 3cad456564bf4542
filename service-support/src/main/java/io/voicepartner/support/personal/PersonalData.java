package io.voicepartner.support.personal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a person's data with their own key before it enters an event, and opens it when it is read (crypto-shredding,
 * ADR 0034). A sealed value is {@code pd1:<subject id>:} + base64url(nonce, ciphertext, tag), AES-256-GCM with a fresh
 * 96-bit nonce, the subject's id bound to it as associated data so that a value cannot be passed off as another
 * person's. It names whose key opens it, so that a reader needs nothing else; once the key is deleted nothing opens
 * it, and the reader shows the person as erased.
 *
 * <p>A value without the prefix was stored before personal data was sealed: it is read as it is, unless it is read
 * from the event store, which seals it on read ({@link StableSealing}, ADR 0042). {@link #erased} is the form such a
 * value takes once its person is gone: it names them and holds nothing.
 */
public final class PersonalData {

    /** The prefix of every sealed value. */
    public static final String SEALED = "pd1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PersonalDataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalData(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** The value sealed with the person's key (made now if they have none); {@code null} stays {@code null}. */
    public String seal(String subjectId, String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            return sealed(keys.keyOf(subjectId), nonce, subjectId, plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /**
     * The value in clear: as it is if it was never sealed; opened if its person's key is still there; empty if the
     * person was erased. {@code null} stays empty.
     */
    public Optional<String> open(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Sealed.parse(value)
                .map(parsed -> parsed.isErased()
                        ? Optional.<String>empty()
                        : keys.find(parsed.subjectId()).map(parsed::openWith))
                .orElseGet(() -> Optional.of(value));
    }

    /** {@link #open} for a page of values at once, with one read of the keys; a value erased maps to no entry. */
    public Map<String, String> openAll(Collection<String> values) {
        Map<String, Sealed> parsed = new HashMap<>();
        Map<String, String> opened = new HashMap<>();
        for (String value : values) {
            if (value != null) {
                Sealed.parse(value).ifPresentOrElse(s -> parsed.put(value, s), () -> opened.put(value, value));
            }
        }
        Map<String, byte[]> found = keys.findAll(
                parsed.values().stream().map(Sealed::subjectId).distinct().toList());
        parsed.forEach((value, s) -> {
            byte[] key = found.get(s.subjectId());
            if (key != null && !s.isErased()) {
                opened.put(value, s.openWith(key));
            }
        });
        return opened;
    }

    /**
     * Seals values stored in clear before sealing, a batch of them at a time: one read of the key store per subject
     * in the batch, not per value.
     */
    public StableSealing stableSealing() {
        return new StableSealing();
    }

    /**
     * The form of a value of an erased subject: a sealed value naming them with no ciphertext, which every reader
     * already opens to nothing (no key opens it, and there is nothing to open).
     */
    public static String erased(String subjectId) {
        return SEALED + subjectId + ":";
    }

    /**
     * Seals like {@link #seal}, but with a nonce derived from the subject's key and the value (a synthetic nonce, as
     * AES-GCM-SIV does), instead of a random one: the same value of the same subject seals to the same string every
     * time. A value stored in clear is sealed again on every read of its event (aggregates, the publisher, a
     * republish), and by the operator's rewrite of the stored row: each gives the same bytes, so that a republish
     * before and after the rewrite sends the same record, and an invitation's address sealed so can be compared with
     * the caller's sealed the same way. GCM stays safe: a nonce repeats only for the same value, whose ciphertext is
     * then the same. What it gives away is equality: two sign-ins of one person from one address seal alike.
     */
    public final class StableSealing {

        private static final byte[] NONCE_LABEL = "pd1 stable nonce".getBytes(StandardCharsets.UTF_8);

        private final Map<String, Optional<byte[]>> keysBySubject = new HashMap<>();

        private StableSealing() {}

        /**
         * The value sealed with the subject's key (made now if they have none); empty if the subject was erased. A
         * value already sealed, and {@code null}, are given back as they are.
         */
        public Optional<String> seal(String subjectId, String value) {
            if (value == null || value.startsWith(SEALED)) {
                return Optional.ofNullable(value);
            }
            return keysBySubject
                    .computeIfAbsent(subjectId, keys::keyUnlessErased)
                    .map(key -> sealWith(key, subjectId, value));
        }

        private static String sealWith(byte[] key, String subjectId, String plain) {
            try {
                Mac nonceKey = Mac.getInstance("HmacSHA256");
                nonceKey.init(new SecretKeySpec(key, "HmacSHA256"));
                Mac nonces = Mac.getInstance("HmacSHA256");
                nonces.init(new SecretKeySpec(nonceKey.doFinal(NONCE_LABEL), "HmacSHA256"));
                byte[] nonce = Arrays.copyOf(nonces.doFinal(plain.getBytes(StandardCharsets.UTF_8)), NONCE_BYTES);
                return sealed(key, nonce, subjectId, plain);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 and AES-GCM are part of every JRE", e);
            }
        }
    }

    private static String sealed(byte[] key, byte[] nonce, String subjectId, String plain)
            throws GeneralSecurityException {
        byte[] ciphertext =
                cipher(Cipher.ENCRYPT_MODE, key, nonce, subjectId).doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
                .put(nonce)
                .put(ciphertext)
                .array();
        return SEALED + subjectId + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String subjectId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A sealed value taken apart: whose it is, and its base64url nonce, ciphertext and tag. */
    private record Sealed(String subjectId, String payload) {

        static Optional<Sealed> parse(String value) {
            if (!value.startsWith(SEALED)) {
                return Optional.empty();
            }
            int colon = value.indexOf(':', SEALED.length());
            if (colon < 0) {
                throw new IllegalArgumentException("A sealed value names no subject");
            }
            return Optional.of(new Sealed(value.substring(SEALED.length(), colon), value.substring(colon + 1)));
        }

        /** The {@link #erased} form: nothing to open. */
        boolean isErased() {
            return payload.isEmpty();
        }

        String openWith(byte[] key) {
            byte[] bytes = Base64.getUrlDecoder().decode(payload);
            try {
                Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(bytes, 0, NONCE_BYTES), subjectId);
                return new String(
                        cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A sealed value of " + subjectId + " does not open with their key", e);
            }
        }
    }
}
