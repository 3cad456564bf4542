package io.voicepartner.command.config;

import io.voicepartner.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The state a plan was made against: every live resource's id with the revision it was at. It travels to the client
 * and back rather than being kept, so that a plan costs no storage and an apply can name each resource that moved
 * since (a hash could only say that something did). Opaque to clients: its form may change.
 */
record Fingerprint(Map<String, Long> revisions) {

    private static final String VERSION = "1.";

    static Fingerprint of(Map<String, Long> revisions) {
        return new Fingerprint(new TreeMap<>(revisions));
    }

    String encoded() {
        String list = revisions.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(list.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException naming {@code fingerprint} for anything a plan did not answer */
    static Fingerprint decode(String encoded) {
        if (encoded == null || !encoded.startsWith(VERSION)) {
            throw invalid();
        }
        try {
            String list = new String(
                    Base64.getUrlDecoder().decode(encoded.substring(VERSION.length())), StandardCharsets.UTF_8);
            Map<String, Long> revisions = new TreeMap<>();
            if (!list.isEmpty()) {
                for (String entry : list.split(",", -1)) {
                    int equals = entry.lastIndexOf('=');
                    if (equals <= 0) {
                        throw invalid();
                    }
                    revisions.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
                }
            }
            return new Fingerprint(revisions);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalid("fingerprint", "is not a fingerprint a plan answered");
    }
}
