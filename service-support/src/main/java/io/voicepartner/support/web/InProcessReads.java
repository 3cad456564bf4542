package io.voicepartner.support.web;

import io.voicepartner.support.security.Caller;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * The query side's single-resource reads, served in this process exactly as their {@code GET} routes answer
 * them. When both sides run in one process (the all-in-one), the command side reads its writes back through
 * this rather than through a second HTTP request to itself: the profile of a create showed the read-back's
 * request (connector, security filters, token check, JSON out and parsed back in) at about a third of the
 * write's CPU. Deployed apart, there is no such bean and the read-back goes over HTTP.
 */
public interface InProcessReads {

    /**
     * @param path        a single-resource read path, e.g. {@code /api/assistants/{id}}
     * @param minRevision what {@code X-Min-Revision} would ask for: the answer waits, bounded, for it
     * @return the route's answer for the caller, or empty if no single-resource route serves the path; a
     * refusal (e.g. not found) is thrown as the route throws it, an {@link ApiException}
     */
    Optional<ResponseEntity<?>> read(String path, long minRevision, Caller caller);
}
