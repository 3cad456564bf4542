package io.voicepartner.command.tool;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a header may be named, and which names carry credentials (encrypted, and shown only masked). */
final class HeaderNames {

    /** RFC 7230's {@code token}, with a bound on length. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private HeaderNames() {}

    static boolean isValid(String name) {
        return TOKEN.matcher(name).matches();
    }

    /**
     * Parts of a header name that mark it as carrying a credential, however the name is spelled: {@code Cookie},
     * {@code apikey}, {@code X-Api-Key}, {@code X-Auth-User}, {@code Authorization}, {@code Client-Secret},
     * {@code X-Session-Id}, {@code X-Access-Token}, {@code Password}. Masking a header that carries none costs a
     * user the sight of its value; not masking one that does puts a secret in clear into every event.
     */
    private static final List<String> CREDENTIAL_PARTS =
            List.of("auth", "cookie", "credential", "key", "passw", "secret", "session", "token");

    static boolean carriesSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_PARTS.stream().anyMatch(lower::contains);
    }
}
