package io.voicepartner.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps what can go wrong at the HTTP edge of either side to the error envelope. Side-specific refusals
 * are translated by each side's own advice, which runs first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** About how long a PostgreSQL restart or fail-over takes. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiErrorResponse> refused(ApiException e) {
        return ErrorResponses.entity(e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiErrorResponse> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof RequestBodyTooLargeException tooLarge) {
            return ErrorResponses.entity(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), List.of());
        }
        return ErrorResponses.entity(ErrorCode.MALFORMED_JSON, describe(e.getCause()), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null
                ? ""
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
        return ResponseEntity.status(ErrorCode.METHOD_NOT_ALLOWED.status())
                .header(HttpHeaders.ALLOW, allowed)
                .body(ApiErrorResponse.of(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        "Method " + e.getMethod() + " is not allowed here; allowed: " + allowed + ".",
                        List.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        // a route names what it takes (JSON almost everywhere, multipart/form-data for uploads)
        String supported = e.getSupportedMediaTypes().isEmpty()
                ? MediaType.APPLICATION_JSON_VALUE
                : e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(" or "));
        return ErrorResponses.entity(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type '" + e.getContentType() + "' is not supported; send " + supported + ".",
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ErrorResponses.entity(ErrorCode.NOT_ACCEPTABLE, "Responses are application/json.", List.of());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiErrorResponse> noRoute(Exception e) {
        return ErrorResponses.entity(ErrorCode.NOT_FOUND, "No such route.", List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiErrorResponse> missingParameter(MissingServletRequestParameterException e) {
        return ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED,
                "A query parameter is missing.",
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiErrorResponse> missingPart(MissingServletRequestPartException e) {
        return ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED,
                "A part of the multipart body is missing.",
                List.of(new FieldError(e.getRequestPartName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiErrorResponse> missingHeader(MissingRequestHeaderException e) {
        return ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED,
                "A header is missing.",
                List.of(new FieldError(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiErrorResponse> badParameter(MethodArgumentTypeMismatchException e) {
        return ErrorResponses.entity(
                ErrorCode.VALIDATION_FAILED,
                "A parameter has an invalid value.",
                List.of(new FieldError(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiErrorResponse> tooLarge(MaxUploadSizeExceededException e) {
        return ErrorResponses.entity(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiErrorResponse> unexpected(Exception e) {
        if (DatabaseUnreachable.causes(e)) {
            log.warn("The database could not be reached while serving a request: {}", e.toString());
            return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnreachable.RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiErrorResponse.of(ErrorCode.SERVICE_UNAVAILABLE, DatabaseUnreachable.MESSAGE, List.of()));
        }
        log.error("Unexpected error while serving a request", e);
        return ErrorResponses.entity(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", List.of());
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return "Field '" + JsonPaths.of(mismatch) + "' has the wrong type.";
        }
        if (cause instanceof JsonMappingException || cause instanceof JsonProcessingException) {
            return "The request body is not valid JSON.";
        }
        return "The request body is missing or not valid JSON.";
    }
}
