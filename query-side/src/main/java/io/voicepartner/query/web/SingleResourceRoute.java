package io.voicepartner.query.web;

import io.voicepartner.support.security.Caller;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** A single-resource {@code GET} route that the all-in-one's writes also call in process: see {@link RouteReads}. */
public interface SingleResourceRoute {

    /** The route's path pattern, as mapped, e.g. {@code /api/assistants/{id}}. */
    String pattern();

    /** What the route answers the caller with {@code X-Min-Revision: minRevision} and no other option. */
    ResponseEntity<?> read(Map<String, String> pathVariables, Caller caller, String minRevision);
}
