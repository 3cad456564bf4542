package io.voicepartner.support.web;

import java.util.regex.Pattern;

/**
 * The POST routes whose answer shows a secret once: a token at login or at a password change, an invitation's token,
 * an API key, a webhook endpoint's signing secret (at its creation and each rotation). Such an answer is never kept
 * for an {@code Idempotency-Key} replay, since only the secret's hash may be stored, so those routes take no key, and
 * the API document offers none on them. One list, for the filter that keeps answers and for the document that
 * describes the header.
 */
public final class SecretAnswers {

    private static final Pattern SHOWS_A_SECRET =
            Pattern.compile("/token|/api/users/me/password|/api/organizations/[^/]+/(invitations|api-keys)/?"
                    + "|/api/webhook-endpoints/?|/api/webhook-endpoints/[^/]+/rotate-secret");

    private SecretAnswers() {}

    /** @param path a request's path, or a templated path of the API document ({@code /api/organizations/{id}/…}) */
    public static boolean showsASecret(String path) {
        return SHOWS_A_SECRET.matcher(path).matches();
    }
}
