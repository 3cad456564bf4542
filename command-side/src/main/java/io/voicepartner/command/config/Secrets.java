package io.voicepartner.command.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholder a bundle holds where a credential is: {@code ${secret:NAME}}, the credential itself never. An export
 * names each credential after where it is ({@code calendar.authentication.token}, {@code crm.headers.X-Api-Key},
 * {@code weather.endpoint.api_key}); a plan or an apply takes their values in its separate {@code secrets} object.
 */
final class Secrets {

    /** What every read shows of a credential: the mask, then its last four characters. */
    static final String MASK = "••••";

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{secret:([^}]{1,200})}$");

    private Secrets() {}

    static String placeholder(String name) {
        return "${secret:" + name + "}";
    }

    static boolean isMasked(String value) {
        return value != null && value.startsWith(MASK);
    }

    /** @return the name the value holds a placeholder for; empty for a value given in clear */
    static Optional<String> nameIn(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
