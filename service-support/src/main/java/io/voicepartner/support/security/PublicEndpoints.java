package io.voicepartner.support.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Routes a side serves without a bearer token. Each side contributes its own, so that the platform in
 * one process permits exactly the union of what the two sides permit on their own.
 *
 * @param patterns Spring path patterns, matched for {@code method} (or every method when {@code null})
 */
public record PublicEndpoints(HttpMethod method, List<String> patterns) {}
