package io.voicepartner.api.organization;

public record OrganizationRenamed(String organizationId, String name) implements OrganizationEvent {}
