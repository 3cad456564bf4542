package io.voicepartner.api.organization;

public record ChangeMemberRole(String organizationId, String userId, Role role) implements OrganizationCommand {}
