package io.voicepartner.support.docs;

import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import java.util.List;
import java.util.Map;

/** One error envelope per status, as the platform sends it: the document's examples of its refusals. */
final class ErrorExamples {

    private static final Map<String, ApiErrorResponse> BY_STATUS = Map.ofEntries(
            Map.entry(
                    "400",
                    ApiErrorResponse.of(
                            ErrorCode.VALIDATION_FAILED,
                            "The request has invalid fields.",
                            List.of(new FieldError("temperature", "must be between 0 and 2")))),
            Map.entry(
                    "401", ApiErrorResponse.of(ErrorCode.UNAUTHORIZED, "A valid bearer token is required.", List.of())),
            Map.entry(
                    "403",
                    ApiErrorResponse.of(
                            ErrorCode.FORBIDDEN,
                            "Your role in organization "
                                    + "'0194f0c1-1a2b-7c3d-8e4f-5a6b7c8d9e0f' is 'viewer'; this needs 'editor' or higher.",
                            List.of())),
            Map.entry("404", ApiErrorResponse.of(ErrorCode.NOT_FOUND, "Assistant not found.", List.of())),
            Map.entry(
                    "409",
                    ApiErrorResponse.of(ErrorCode.CONFLICT, "The phone number +49301234567 is taken.", List.of())),
            Map.entry(
                    "412",
                    ApiErrorResponse.of(
                            ErrorCode.REVISION_MISMATCH, "The resource is at revision 4, not 3.", List.of())),
            Map.entry(
                    "413",
                    ApiErrorResponse.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", List.of())),
            Map.entry(
                    "415",
                    ApiErrorResponse.of(
                            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "Content type text/plain is not supported here.",
                            List.of())),
            Map.entry(
                    "422",
                    ApiErrorResponse.of(
                            ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used with another request.",
                            List.of())),
            Map.entry("429", ApiErrorResponse.of(ErrorCode.RATE_LIMITED, "Too many attempts; retry later.", List.of())),
            Map.entry("500", ApiErrorResponse.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", List.of())),
            Map.entry(
                    "503",
                    ApiErrorResponse.of(
                            ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable; retry later.", List.of())));

    private ErrorExamples() {}

    static ApiErrorResponse of(String status) {
        return BY_STATUS.getOrDefault(status, BY_STATUS.get("500"));
    }
}
