package io.voicepartner.api.organization;

/**
 * Opens an organization with its first owner.
 *
 * @param personal whether it is the one sign-up opens for its user, whose id it shares (ADR 0027)
 */
public record CreateOrganization(String organizationId, String name, String ownerUserId, boolean personal)
        implements OrganizationCommand {}
