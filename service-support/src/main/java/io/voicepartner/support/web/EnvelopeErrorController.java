package io.voicepartner.support.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (by the servlet container) are answered in the envelope too. */
@RestController
@Hidden
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiErrorResponse> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 500;
        ErrorCode errorCode = Arrays.stream(ErrorCode.values())
                .filter(candidate -> candidate.status() == code)
                .findFirst()
                .orElse(code >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED);
        String message = switch (errorCode) {
            case NOT_FOUND -> "No such route.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case INTERNAL_ERROR -> "An unexpected error occurred.";
            default -> "The request could not be served.";
        };
        return ErrorResponses.entity(errorCode, message, List.of());
    }
}
