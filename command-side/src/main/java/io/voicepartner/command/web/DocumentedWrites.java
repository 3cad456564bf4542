package io.voicepartner.command.web;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * How a feature's write routes appear in the API document: the request body they read (a request record,
 * since the controllers take JSON trees for JSON Merge Patch) and the resource they answer, by the name
 * of its read view. Each feature declares its own; {@link WriteDocumentation} applies them all.
 */
public record DocumentedWrites(List<Route> routes) {

    /**
     * @param request  the request record, or {@code null} for a route without a body
     * @param resource  the read view answered, e.g. {@code AssistantView}; {@code null} for a deletion
     * @param successes the statuses it answers the resource with, e.g. {@code 201} for what it recorded and
     *                  {@code 200} for what was already there
     * @param example   a request body as a client would send it (JSON), or {@code null}
     */
    public record Route(
            HttpMethod method,
            String path,
            Class<?> request,
            String resource,
            List<HttpStatus> successes,
            String example) {

        public Route {
            successes = List.copyOf(successes);
        }

        public Route(
                HttpMethod method, String path, Class<?> request, String resource, HttpStatus success, String example) {
            this(method, path, request, resource, List.of(success), example);
        }

        public Route(HttpMethod method, String path, Class<?> request, String resource, HttpStatus success) {
            this(method, path, request, resource, success, null);
        }
    }
}
