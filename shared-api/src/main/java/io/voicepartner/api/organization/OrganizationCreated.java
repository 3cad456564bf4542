package io.voicepartner.api.organization;

/**
 * An organization was opened; {@code ownerUserId} is its first member, an {@code owner} from this revision on.
 *
 * @param personal whether sign-up opened it for its user, whose id it shares (ADR 0027)
 */
public record OrganizationCreated(String organizationId, String name, String ownerUserId, boolean personal)
        implements OrganizationEvent {}
