package io.voicepartner.command.web;

import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.StreamIds;
import io.voicepartner.support.web.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the command side's refusals, and Axon's own, into the error envelope. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandExceptionTranslation {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ApiErrorResponse> refused(Refusal refusal) {
        return ErrorResponses.entity(refusal.code(), refusal.getMessage(), refusal.details());
    }

    /**
     * A deleted aggregate is gone for every purpose of the API. Named as the route names its resource, so that an id
     * nobody has answers exactly what another user's id answers ({@code Assistant '…' was not found.}): a different
     * word would tell the two apart (issue 17).
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiErrorResponse> notFound(AggregateNotFoundException e, HttpServletRequest request) {
        String id = StreamIds.aggregateIdOf(String.valueOf(e.getAggregateIdentifier()));
        return ErrorResponses.entity(
                ErrorCode.NOT_FOUND,
                ResourceKinds.inPath(request.getRequestURI(), id) + " '" + id + "' was not found.",
                List.of());
    }

    /**
     * The id is another kind of aggregate's (a tool's id on {@code /api/assistants/{id}}): for this route there is
     * no such resource, answered as for an id nobody has, never a 500 (issue 17).
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ApiErrorResponse> anotherKind(HttpServletRequest request) {
        String id = ResourceKinds.idInPath(request.getRequestURI());
        return ErrorResponses.entity(
                ErrorCode.NOT_FOUND,
                ResourceKinds.inPath(request.getRequestURI(), id) + " '" + id + "' was not found.",
                List.of());
    }

    /** Another writer appended to the same aggregate first: the client retries on the new revision. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiErrorResponse> concurrentWrite(ConcurrencyException e) {
        return ErrorResponses.entity(
                ErrorCode.CONFLICT,
                "The resource was changed by a concurrent request; read it again and retry.",
                List.of());
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ApiErrorResponse> rateLimited(RateLimited e) {
        return ResponseEntity.status(e.code().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ErrorResponses.entity(e.code(), e.getMessage(), List.of()).getBody());
    }
}
