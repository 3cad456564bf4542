package io.voicepartner.command.organization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An invitation's single-use token: 32 random bytes, base64url without padding, shown once to whoever invites.
 * Only its SHA-256 is kept (and published): a fast hash is right for a secret of 256 random bits, which no
 * dictionary holds, and lets the token find its invitation by an index.
 */
final class InvitationTokens {

    private static final int BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token, and the hash it is found by. */
    record Issued(String token, String hash) {}

    private InvitationTokens() {}

    static Issued issue() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(token, sha256(token));
    }

    /** The hash of a token this platform could have issued; empty for anything else, which finds no invitation. */
    static Optional<String> hashOf(String token) {
        return TOKEN.matcher(token).matches() ? Optional.of(sha256(token)) : Optional.empty();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
