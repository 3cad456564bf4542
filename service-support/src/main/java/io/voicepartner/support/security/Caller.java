package io.voicepartner.support.security;

/** The authenticated user a request acts for: the subject of its bearer token. */
public record Caller(String userId) {
}
