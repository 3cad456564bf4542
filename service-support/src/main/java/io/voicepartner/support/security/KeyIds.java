package io.voicepartner.support.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The id of a key, which tokens ({@code kid}) and ciphertexts carry so that the key that made them is found
 * again after a rotation. Derived from the key, so that an operator configures keys only: an HMAC of a fixed
 * label under the key, cut to 48 bits, which tells nothing about the key but that it is the same one.
 */
public final class KeyIds {

    private static final byte[] LABEL = "voicepartner key id".getBytes(StandardCharsets.UTF_8);

    private KeyIds() {}

    public static String of(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(LABEL), 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
