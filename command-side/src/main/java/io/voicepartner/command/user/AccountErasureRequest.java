package io.voicepartner.command.user;

/** The body of {@code DELETE /api/users/me}: the account's password, so that a token alone cannot erase a person. */
record AccountErasureRequest(String password) {}
