package io.voicepartner.support.web;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import java.util.List;

/** A refusal that reaches the client as the error envelope with {@link #code()}'s status. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldError> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<FieldError> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException invalid(List<FieldError> details) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", details);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " '" + id + "' was not found.");
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }
}
