package io.voicepartner.api.web;

import java.util.Locale;

/** The stable {@code error.code} values of the REST API, each with the HTTP status it is served with. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    UNAUTHORIZED(401),
    INVALID_CREDENTIALS(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    EMAIL_TAKEN(409),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(409),
    /** What the request refers to existed and is no more, for good: a feed cursor whose event a restore lost. */
    GONE(410),
    REVISION_MISMATCH(412),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    IDEMPOTENCY_KEY_REUSED(422),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
