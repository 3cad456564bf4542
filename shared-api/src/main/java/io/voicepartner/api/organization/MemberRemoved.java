package io.voicepartner.api.organization;

public record MemberRemoved(String organizationId, String userId) implements OrganizationEvent {}
