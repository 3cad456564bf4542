package io.voicepartner.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Renders the error envelope, for controllers' advice and for filters that answer before them. */
@Component
public class ErrorResponses {

    private final ObjectMapper objectMapper;

    ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ResponseEntity<ApiErrorResponse> entity(ErrorCode code, String message, List<FieldError> details) {
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiErrorResponse.of(code, message, details));
    }

    /** The envelope as text, for a writer outside Spring MVC (Tomcat's error report). */
    String json(ErrorCode code, String message) throws IOException {
        return objectMapper.writeValueAsString(ApiErrorResponse.of(code, message, List.of()));
    }

    public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), ApiErrorResponse.of(code, message, List.of()));
    }
}
