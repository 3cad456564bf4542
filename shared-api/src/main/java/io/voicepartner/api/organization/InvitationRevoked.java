package io.voicepartner.api.organization;

public record InvitationRevoked(String organizationId, String invitationId) implements OrganizationEvent {}
