package io.voicepartner.support.web;

import io.voicepartner.api.web.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code ?dry_run=} on a write before anything else does (the idempotency filter must not keep a dry run's
 * answer): {@code true} marks the request as a dry run and its answer with {@code Dry-Run: true}, whatever the
 * answer; {@code false} or no parameter is an ordinary write; anything else, or {@code true} on a write that cannot
 * be dry-run ({@link DryRun#EXCLUDED}), is a {@code 400} saying why, so that a client never believes a real write was
 * a trial. On the command side the writes are then run by the command bus and rolled back; elsewhere no write takes
 * the parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DryRunFilter extends OncePerRequestFilter {

    private final ErrorResponses errors;

    DryRunFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !DryRun.isWrite(request.getMethod()) || DryRun.parameter(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = DryRun.parameter(request).orElse("");
        if (!value.equals("true") && !value.equals("false")) {
            errors.write(response, ErrorCode.VALIDATION_FAILED, "dry_run must be true or false.");
            return;
        }
        if (value.equals("true")) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            Optional<String> excluded = DryRun.exclusion(request.getMethod(), path);
            if (excluded.isPresent()) {
                errors.write(
                        response,
                        ErrorCode.VALIDATION_FAILED,
                        "dry_run is not supported by " + request.getMethod() + " " + path + ": " + excluded.get()
                                + ".");
                return;
            }
            request.setAttribute(DryRun.ATTRIBUTE, true);
            response.setHeader(DryRun.HEADER, "true");
        }
        chain.doFilter(request, response);
    }
}
