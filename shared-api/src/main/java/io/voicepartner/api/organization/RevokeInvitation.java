package io.voicepartner.api.organization;

public record RevokeInvitation(String organizationId, String invitationId) implements OrganizationCommand {}
