package io.voicepartner.query.organization;

import io.voicepartner.api.organization.Role;
import java.time.Instant;

/**
 * A member of an organization. {@code email} and {@code name} are the user's as the users read model has them
 * ({@code null} until it has the user).
 */
record MemberView(String userId, String email, String name, Role role, Instant joinedAt) {}
