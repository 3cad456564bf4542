package io.voicepartner.api.organization;

/** @param expectedRevision the organization's revision the caller saw ({@code If-Match}), or {@code null} */
public record RenameOrganization(String organizationId, String name, Long expectedRevision)
        implements OrganizationCommand {}
