package io.voicepartner.query.organization;

import io.voicepartner.api.organization.Role;
import java.time.Instant;

/**
 * An organization as one of its members, or one of its API keys, sees it.
 *
 * @param personal  whether it is the one sign-up opened for its user, whose id it shares
 * @param role      the caller's role in it; {@code null} for an API key, which has none
 * @param createdBy who created it (a personal organization: its user)
 */
record OrganizationView(
        String id, String name, boolean personal, Role role, Instant createdAt, String createdBy, long revision) {}
