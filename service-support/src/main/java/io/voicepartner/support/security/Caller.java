package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;

/**
 * Who a request acts for and where: the signed-in user (the subject of the bearer token), the organization the
 * request acts in and the user's role there; or an API key of that organization ({@link ApiKeyCaller}). The
 * organization owns every resource the request creates and is the only one whose resources it can see (ADR 0027).
 */
public sealed class Caller permits ApiKeyCaller {

    private final String userId;
    private final String organizationId;
    private final Role role;

    /**
     * @param userId         the signed-in user; {@code null} for an API key
     * @param organizationId the route's {@code {organizationId}}, else {@code X-Organization-Id}, else the user's
     *                       personal organization, whose id is the user's; {@code null} on a route that acts in no
     *                       organization ({@link Personal})
     * @param role           the user's role in that organization; {@code null} when there is none
     */
    public Caller(String userId, String organizationId, Role role) {
        this.userId = userId;
        this.organizationId = organizationId;
        this.role = role;
    }

    /** A caller on a route that acts for the user alone, in no organization. */
    public static Caller personal(String userId) {
        return new Caller(userId, null, null);
    }

    /** The caller in their personal organization, as its owner: who signed up and reads their own account back. */
    public static Caller inPersonalOrganization(String userId) {
        return new Caller(userId, userId, Role.OWNER);
    }

    public String userId() {
        return userId;
    }

    public String organizationId() {
        return organizationId;
    }

    public Role role() {
        return role;
    }

    /** Whether the caller may do what {@code permission} covers in their organization. */
    public boolean may(Permission permission) {
        return permission.grantedTo(role);
    }

    /** Who the events this request causes name as their {@code actor}: the user's id. */
    public String actor() {
        return userId;
    }

    /** Why the caller may not do what {@code permission} covers, as a refusal tells them. */
    String shortOf(Permission permission) {
        return "Your role in organization '" + organizationId + "' is '" + role.wireName() + "'; this needs '"
                + permission.least().wireName() + "' or higher.";
    }

    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", organizationId=" + organizationId + ", role=" + role + "]";
    }
}
