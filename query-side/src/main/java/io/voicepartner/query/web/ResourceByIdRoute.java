package io.voicepartner.query.web;

import io.voicepartner.support.security.Caller;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * The single-resource route of a resource read by its id, now or as of a point in time (assistants, tools,
 * files, phone numbers): read in process as its {@code GET} answers without {@code as_of}, {@code revision}
 * or {@code If-None-Match}.
 */
public interface ResourceByIdRoute extends SingleResourceRoute {

    /** The route's handler, as mapped. */
    ResponseEntity<?> get(
            String id, Caller caller, String asOf, String revision, String minRevision, String ifNoneMatch);

    @Override
    default ResponseEntity<?> read(Map<String, String> pathVariables, Caller caller, String minRevision) {
        return get(pathVariables.get("id"), caller, null, null, minRevision, null);
    }
}
