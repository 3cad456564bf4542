package io.voicepartner.api.organization;

/**
 * Takes a person who is being erased out of the organization: they leave it, and an organization they were the only
 * member of is deleted with them (their personal one included, which nothing else deletes).
 */
public record ForgetMember(String organizationId, String userId) implements OrganizationCommand {}
