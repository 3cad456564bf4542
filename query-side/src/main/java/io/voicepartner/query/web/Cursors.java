package io.voicepartner.query.web;

import io.voicepartner.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: the position after which the next page starts, encoded so clients do not parse it. */
public final class Cursors {

    private static final String PREFIX = "v1:";

    private Cursors() {}

    public static String encode(String lastId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the id after which to continue, or {@code null} for the first page */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw ApiException.invalid("cursor", "is not a cursor this API issued");
    }
}
