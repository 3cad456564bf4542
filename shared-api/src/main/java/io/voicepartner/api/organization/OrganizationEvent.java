package io.voicepartner.api.organization;

import io.voicepartner.api.messaging.DomainEvent;

/**
 * What happened to an organization, its members, invitations and API keys; published on {@code voicepartner.organizations}. An organization is the
 * tenant: it owns itself, as it owns every resource created in it.
 */
public sealed interface OrganizationEvent extends DomainEvent
        permits OrganizationCreated,
                OrganizationRenamed,
                OrganizationDeleted,
                InvitationCreated,
                InvitationRevoked,
                MemberAdded,
                MemberRoleChanged,
                MemberRemoved,
                ApiKeyCreated,
                ApiKeyRevoked {

    String organizationId();

    @Override
    default String aggregateId() {
        return organizationId();
    }

    @Override
    default String ownerId() {
        return organizationId();
    }
}
