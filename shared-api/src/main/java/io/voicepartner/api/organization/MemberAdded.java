package io.voicepartner.api.organization;

/** A user joined with a role, by accepting {@code invitationId}, which is used up. */
public record MemberAdded(String organizationId, String userId, Role role, String invitationId)
        implements OrganizationEvent {}
