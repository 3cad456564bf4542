package io.voicepartner.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The error envelope: {@code {"success": false, "error": {"code", "message", "details"}}}. */
public record ApiErrorResponse(boolean success, Error error) {

    // named as the envelope's "error" member is; always used qualified, never beside java.lang.Error
    @SuppressWarnings("JavaLangClash")
    public record Error(
            String code,
            String message,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> details) {}

    /** One invalid input, named by its JSON field (or header / query parameter). */
    public record FieldError(String field, String message) {}

    public static ApiErrorResponse of(ErrorCode code, String message, List<FieldError> details) {
        return new ApiErrorResponse(false, new Error(code.wireName(), message, details));
    }
}
