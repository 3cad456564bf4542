package io.voicepartner.query.user;

import java.time.Instant;

/** A user as {@code GET /api/users/me} shows them: never a password or its hash. */
public record UserView(String id, String email, String name, long revision, Instant createdAt, Instant updatedAt) {}
