package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.support.security.SecretBox;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Credentials in an endpoint's query string ({@code https://api.example.com/v1?api_key=s3cret&x=1}): kept like
 * credential headers (issue 17). The endpoint is stored with their values masked ({@code api_key=••••} and the
 * last four characters of a long one), each value encrypted apart under its parameter's name as it was written
 * (percent-encoding and all), so that the call sends exactly what the owner wrote.
 */
final class QueryCredentials {

    /** Whole words of a parameter's name that mark a credential, too short to be looked for inside other words. */
    private static final Set<String> CREDENTIAL_WORDS = Set.of("sig", "pwd", "pass");

    private static final Pattern WORDS = Pattern.compile("[^a-z0-9]+");

    private QueryCredentials() {}

    /** An endpoint as it is stored, and its credentials, encrypted. */
    record Secured(String endpoint, Map<String, SecretValue> secrets) {}

    /**
     * Named like a header that carries a credential ({@link HeaderNames#carriesSecret}: {@code api_key},
     * {@code access_token}, {@code client_secret}, {@code password}, {@code auth}), or a signature ({@code sig},
     * {@code X-Amz-Signature}), as query strings name them.
     */
    static boolean carriesSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HeaderNames.carriesSecret(name)
                || lower.contains("signature")
                || WORDS.splitAsStream(lower).anyMatch(CREDENTIAL_WORDS::contains);
    }

    /** The endpoint with its credential values masked, and those values encrypted by {@code encrypt}. */
    static Secured secure(String endpoint, Function<String, SecretValue> encrypt) {
        Map<String, SecretValue> secrets = new LinkedHashMap<>();
        String stored = rewrite(endpoint, (name, value) -> {
            SecretValue secret = encrypt.apply(value);
            secrets.put(name, secret);
            return SecretBox.MASK + secret.lastFour();
        });
        return new Secured(stored, secrets);
    }

    /** The URL to call: the stored endpoint with each masked credential's value decrypted in its place. */
    static String reveal(String endpoint, Map<String, SecretValue> secrets, Function<SecretValue, String> decrypt) {
        if (secrets.isEmpty()) {
            return endpoint;
        }
        return rewrite(endpoint, (name, masked) -> {
            SecretValue secret = secrets.get(name);
            return secret == null ? masked : decrypt.apply(secret);
        });
    }

    /**
     * What is wrong with the credentials of an endpoint's query string: one sent twice (the masked form could not
     * tell which value goes where), or one sent as the mask the API shows.
     */
    static List<String> problems(String rawQuery) {
        List<String> problems = new ArrayList<>();
        if (rawQuery == null) {
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : rawQuery.split("&", -1)) {
            String name = nameOf(pair);
            if (!carriesSecret(name)) {
                continue;
            }
            if (!seen.add(name)) {
                problems.add("the query parameter " + HeaderFields.Check.quoted(name)
                        + " carries a credential and must appear once");
            }
            String value = pair.indexOf('=') < 0 ? "" : decoded(pair.substring(pair.indexOf('=') + 1));
            if (value.startsWith(SecretBox.MASK)) {
                problems.add("the query parameter " + HeaderFields.Check.quoted(name) + " is the mask the API shows, "
                        + "not a secret; send the secret itself");
            }
        }
        return problems;
    }

    private interface Replacement {
        String valueFor(String name, String rawValue);
    }

    /** The endpoint with the value of each credential parameter replaced; everything else kept as written. */
    private static String rewrite(String endpoint, Replacement replacement) {
        int question = endpoint.indexOf('?');
        if (question < 0) {
            return endpoint;
        }
        int hash = endpoint.indexOf('#', question);
        String query = endpoint.substring(question + 1, hash < 0 ? endpoint.length() : hash);
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            String name = nameOf(pair);
            int equals = pair.indexOf('=');
            if (carriesSecret(name) && equals >= 0) {
                pairs.add(pair.substring(0, equals + 1) + replacement.valueFor(name, pair.substring(equals + 1)));
            } else {
                pairs.add(pair);
            }
        }
        return endpoint.substring(0, question + 1)
                + String.join("&", pairs)
                + (hash < 0 ? "" : endpoint.substring(hash));
    }

    private static String nameOf(String pair) {
        int equals = pair.indexOf('=');
        return decoded(equals < 0 ? pair : pair.substring(0, equals));
    }

    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a malformed escape is the URL check's to refuse; as a name it is taken as written
            return raw;
        }
    }
}
