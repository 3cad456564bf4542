package io.voicepartner.api.organization;

public record RemoveMember(String organizationId, String userId) implements OrganizationCommand {}
