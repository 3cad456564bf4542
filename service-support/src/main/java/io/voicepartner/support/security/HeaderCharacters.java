package io.voicepartner.support.security;

/**
 * The characters Spring Security's firewall ({@code StrictHttpFirewall}) allows in a header by default, checked
 * without a regular expression: every character assigned in Unicode and none a control character, a tab allowed in a
 * value. The default's expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for a value the same with
 * {@code \t}) took about 2 % of a {@code GET}'s CPU: Spring Security reads the {@code Authorization} header three times
 * per request, and each read matched the whole bearer token again (BENCHMARKS.md, round two, twelfth pass).
 * {@code HeaderCharactersTest} holds both to the expressions they replace.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                // printable ASCII, nearly every character of a real header
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
