package io.voicepartner.api.organization;

public record RevokeApiKey(String organizationId, String keyId) implements OrganizationCommand {}
