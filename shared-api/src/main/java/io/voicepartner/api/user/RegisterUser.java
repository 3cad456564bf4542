package io.voicepartner.api.user;

/**
 * Opens an account. Carries no password: credentials are kept beside the event store, never in it.
 *
 * @param email already normalised to lower case
 */
public record RegisterUser(String userId, String email, String name) implements UserCommand {}
