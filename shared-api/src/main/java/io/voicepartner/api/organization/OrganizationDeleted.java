package io.voicepartner.api.organization;

/** An organization was closed: its members no longer reach it, and its pending invitations lapse with it. */
public record OrganizationDeleted(String organizationId) implements OrganizationEvent {}
