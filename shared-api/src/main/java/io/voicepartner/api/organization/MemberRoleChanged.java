package io.voicepartner.api.organization;

/** A member's role changed from {@code previousRole} to {@code role}. */
public record MemberRoleChanged(String organizationId, String userId, Role previousRole, Role role)
        implements OrganizationEvent {}
