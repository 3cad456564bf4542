package io.voicepartner.command.user;

import io.voicepartner.support.web.ApiException;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt reads at most 72 bytes of a password and Spring Security refuses to hash or verify a longer
 * one (an exception, so a 500). A longer password is refused as a field error instead, on sign-up and on
 * login alike, before anything is hashed: 72 bytes are 72 ASCII characters but only 36 umlauts.
 */
final class PasswordLength {

    static final int MAX_BYTES = 72;

    private PasswordLength() {}

    static void check(String field, String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalid(field, "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
    }
}
