package io.voicepartner.command.tool;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a header may be named, and which names carry credentials (encrypted, and shown only masked). */
final class HeaderNames {

    /** RFC 7230's {@code token}, with a bound on length. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private HeaderNames() {
    }

    static boolean isValid(String name) {
        return TOKEN.matcher(name).matches();
    }

    /** {@code Authorization}, {@code Proxy-Authorization}, {@code *-Key}, {@code *-Secret} and {@code *Token*}. */
    static boolean carriesSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals("proxy-authorization")
                || lower.endsWith("-key") || lower.endsWith("-secret") || lower.contains("token");
    }
}
