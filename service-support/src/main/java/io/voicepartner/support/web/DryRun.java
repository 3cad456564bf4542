package io.voicepartner.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@code ?dry_run=true} on a write (ADR 0037): the request is decided as it would be, and nothing is stored. The one
 * list of the writes that cannot be dry-run, each with the reason a client is told, is here, for {@link DryRunFilter}
 * that refuses them and for the API document that leaves the parameter off them.
 */
public final class DryRun {

    public static final String PARAMETER = "dry_run";
    /** The answer's header saying that nothing was stored. */
    public static final String HEADER = "Dry-Run";

    static final String ATTRIBUTE = DryRun.class.getName();

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A write that cannot be dry-run: its method, its path (a request's or the document's template) and why. */
    public record Excluded(String method, Pattern path, String reason) {

        boolean matches(String requestMethod, String requestPath) {
            return method.equals(requestMethod) && path.matcher(requestPath).matches();
        }
    }

    private static final String ID = "[^/]+";

    /** Every {@link SecretAnswers} route: a token, a password change's, an API key, an invitation, a webhook secret. */
    static final String SHOWS_A_SECRET = "its answer shows a secret once (a token, a key, a signing secret), and a"
            + " dry run's would be one that never works";

    /**
     * Beside the routes whose answer shows a secret once ({@link SecretAnswers}: signing in, a password change, an
     * API key, an invitation, a webhook endpoint's secret), whose dry run would show a secret that never works:
     * signing up and out are not configuration (and a dry sign-up would tell whether an address has an account); a
     * tool test calls the tool, which no rollback undoes; the runtime's usage reports are telemetry (ADR
     * 0017); a plan never writes (it is the dry run of an apply), and an apply's steps depend on each other's writes,
     * so its dry run is its plan; a webhook test or redelivery sends a request, which nothing takes back.
     */
    public static final List<Excluded> EXCLUDED = List.of(
            new Excluded("POST", Pattern.compile("/api/users/?"), "signing up is not a configuration change"),
            new Excluded(
                    "POST", Pattern.compile("/api/users/me/sign-out"), "signing out is not a configuration change"),
            new Excluded(
                    "POST",
                    Pattern.compile("/api/tools/" + ID + "/test"),
                    "a test calls the tool's endpoint, which no dry run could take back"),
            new Excluded(
                    "POST",
                    Pattern.compile("/api/tools/" + ID + "/executions|/api/phone-numbers/" + ID + "/usage"),
                    "usage reports are telemetry, not configuration"),
            new Excluded(
                    "POST",
                    Pattern.compile("/api/config/plan"),
                    "a plan never writes: it already is the dry run of an apply"),
            new Excluded(
                    "POST",
                    Pattern.compile("/api/config/apply"),
                    "an apply's dry run is POST /api/config/plan with the same body"),
            new Excluded(
                    "POST",
                    Pattern.compile("/api/webhook-endpoints/" + ID + "/(test|deliveries/" + ID + "/redeliver)"),
                    "a test delivery or a redelivery sends a request, which no dry run could take back"));

    private DryRun() {}

    public static boolean isWrite(String method) {
        return WRITES.contains(method);
    }

    /** Why this write cannot be dry-run, or empty if it can. */
    public static Optional<String> exclusion(String method, String path) {
        if ("POST".equals(method) && SecretAnswers.showsASecret(path)) {
            return Optional.of(SHOWS_A_SECRET);
        }
        return EXCLUDED.stream()
                .filter(excluded -> excluded.matches(method, path))
                .map(Excluded::reason)
                .findFirst();
    }

    /**
     * The value of {@code dry_run} in the request's query string, read without touching the body (a form's
     * parameters would be read from it); empty if absent.
     */
    static Optional<String> parameter(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (PARAMETER.equals(decoded(equals < 0 ? pair : pair.substring(0, equals)))) {
                return Optional.of(equals < 0 ? "" : decoded(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    /** A malformed escape ({@code %G1}) is kept as sent: as a value it is then refused by name, never a 500. */
    private static String decoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /** Whether this request is a dry run that {@link DryRunFilter} let through. */
    public static boolean requested(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    /** Whether the request being served on this thread is a dry run. */
    public static boolean requested() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null
                && Boolean.TRUE.equals(attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
