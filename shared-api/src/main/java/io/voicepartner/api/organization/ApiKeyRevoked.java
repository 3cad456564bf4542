package io.voicepartner.api.organization;

/** An API key was revoked: it works no more, anywhere. */
public record ApiKeyRevoked(String organizationId, String keyId) implements OrganizationEvent {}
