package io.voicepartner.command.common;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import java.util.List;

/** A command an aggregate declines, with the stable error code the client sees. */
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldError> details;

    public Refusal(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    private Refusal(ErrorCode code, String message, List<FieldError> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    /** A value that is well-formed but not acceptable in the resource's state, named like the edge names it. */
    public static Refusal invalid(String field, String message) {
        return new Refusal(
                ErrorCode.VALIDATION_FAILED,
                "The request has invalid fields.",
                List.of(new FieldError(field, message)));
    }

    /** Also what another user's aggregate looks like: its existence is never revealed. */
    public static Refusal notFound(String kind, String id) {
        return new Refusal(ErrorCode.NOT_FOUND, kind + " '" + id + "' was not found.");
    }

    /** The caller may see the resource but their role does not let them do this; the message says what it needs. */
    public static Refusal forbidden(String message) {
        return new Refusal(ErrorCode.FORBIDDEN, message);
    }

    /** The event a command would record is larger than the event contract allows (ADR 0019). */
    public static Refusal tooLarge(String message, List<FieldError> details) {
        return new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, message, List.copyOf(details));
    }

    public static Refusal revisionMismatch(long expected, long actual) {
        return new Refusal(
                ErrorCode.REVISION_MISMATCH,
                "If-Match expected revision " + expected + " but the resource is at revision " + actual + ".");
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }
}
