package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;

/**
 * Who a request acts for and where: the signed-in user (the subject of the bearer token), the organization the
 * request acts in and the user's role there. The organization owns every resource the request creates and is the
 * only one whose resources it can see (ADR 0027).
 *
 * @param organizationId the route's {@code {organizationId}}, else {@code X-Organization-Id}, else the user's
 *                       personal organization, whose id is the user's; {@code null} on a route that acts in no
 *                       organization ({@link Personal})
 * @param role           the user's role in that organization; {@code null} when there is none
 */
public record Caller(String userId, String organizationId, Role role) {

    /** A caller on a route that acts for the user alone, in no organization. */
    public static Caller personal(String userId) {
        return new Caller(userId, null, null);
    }

    /** The caller in their personal organization, as its owner: who signed up and reads their own account back. */
    public static Caller inPersonalOrganization(String userId) {
        return new Caller(userId, userId, Role.OWNER);
    }

    /** Who the events this request causes name as their {@code actor}. */
    public String actor() {
        return userId;
    }
}
