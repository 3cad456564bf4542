package io.voicepartner.command.tool;

import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.command.common.Refusal;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tool's stored credentials were given for its endpoint's origin (scheme, host and port). An update that moves
 * the endpoint to another origin must send them again (or remove them), so that a secret is never sent to a host
 * its owner did not pair it with, by someone who can change a tool but does not know its credentials.
 */
final class Origins {

    private Origins() {}

    /** @throws Refusal naming {@code authentication} or {@code headers} if a stored credential would move along */
    static void requireCredentialsSentAgainForAnotherOrigin(
            ToolConfiguration current, ToolConfiguration merged, ToolConfiguration changes, Set<ToolField> changed) {
        String from = origin(current.endpoint());
        String to = origin(merged.endpoint());
        if (from.equals(to)) {
            return;
        }
        if (!changed.contains(ToolField.AUTHENTICATION)
                && !merged.authentication().secrets().isEmpty()) {
            throw Refusal.invalid(
                    "authentication",
                    "must be sent again (or set to null) when endpoint moves to "
                            + "another origin: the stored credentials were given for " + from);
        }
        Set<String> sent = !changed.contains(ToolField.HEADERS) || changes.secretHeaders() == null
                ? Set.of()
                : changes.secretHeaders().keySet().stream()
                        .map(name -> name.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        merged.secretHeaders().keySet().stream()
                .filter(name -> !sent.contains(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .ifPresent(name -> {
                    throw Refusal.invalid(
                            "headers",
                            HeaderFields.Check.quoted(name) + " must be sent again (or set "
                                    + "to null) when endpoint moves to another origin: the stored credential was given for "
                                    + from);
                });
    }

    /** {@code https://api.example.com:443}: the scheme and host in lower case, the port spelled out. */
    static String origin(String endpoint) {
        URI uri = URI.create(endpoint);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
