package io.voicepartner.support.web;

import io.voicepartner.api.web.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503} in the envelope when the database is out of reach before a request gets to Spring MVC, whose
 * {@link ApiExceptionHandler} answers it there: checking a bearer token reads the side's revoked tokens, an API key
 * its keys. Without it such a failure left the filter chain as an exception, and the error page's own pass through
 * security answered {@code 401}, which tells a client to throw away a token that was fine.
 */
public final class DatabaseUnreachableAnswers extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnreachableAnswers.class);

    private final ErrorResponses errors;

    public DatabaseUnreachableAnswers(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("The database could not be reached while authenticating a request: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnreachable.RETRY_AFTER_SECONDS);
            errors.write(response, ErrorCode.SERVICE_UNAVAILABLE, DatabaseUnreachable.MESSAGE);
        }
    }
}
