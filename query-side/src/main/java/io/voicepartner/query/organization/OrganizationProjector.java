package io.voicepartner.query.organization;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.Projector;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.organizations} with its members, invitations and API keys. The organization's row is moved to
 * the event's revision first, and only an event that moved it changes the members, invitations or keys: a
 * redelivered or stale event changes nothing anywhere. Members join at the event's time; the {@code actor} of the
 * event that created an organization, an invitation or a key is its {@code created_by}.
 */
@Component
class OrganizationProjector implements Projector {

    private final OrganizationRows organizations;
    private final OrganizationMembers members;
    private final OrganizationInvitations invitations;
    private final OrganizationApiKeys apiKeys;

    OrganizationProjector(
            OrganizationRows organizations,
            OrganizationMembers members,
            OrganizationInvitations invitations,
            OrganizationApiKeys apiKeys) {
        this.organizations = organizations;
        this.members = members;
        this.invitations = invitations;
        this.apiKeys = apiKeys;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ORGANIZATION;
    }

    @Override
    public OptionalLong revisionOf(String aggregateId) {
        return organizations.revisionOf(aggregateId);
    }

    @Override
    public void apply(EventEnvelope envelope) {
        OrganizationEvent event = (OrganizationEvent) envelope.data();
        Instant at = envelope.occurredAt();
        boolean applied;
        if (event instanceof OrganizationCreated created) {
            applied = organizations.insert(
                    created.organizationId(),
                    created.name(),
                    created.personal(),
                    envelope.actor(),
                    envelope.revision(),
                    at);
        } else if (event instanceof OrganizationRenamed renamed) {
            applied = organizations.rename(renamed.organizationId(), renamed.name(), envelope.revision(), at);
        } else if (event instanceof OrganizationDeleted deleted) {
            applied = organizations.markDeleted(deleted.organizationId(), envelope.revision(), at);
        } else {
            applied = organizations.advance(event.organizationId(), envelope.revision(), at);
        }
        if (applied) {
            members.apply(event, at);
            applyToInvitations(event, envelope.actor(), at);
            apiKeys.apply(event, envelope.actor(), at);
        } else if (organizations.projectedRevisionOf(envelope.aggregateId()).isEmpty()) {
            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision());
        }
    }

    private void applyToInvitations(OrganizationEvent event, String actor, Instant at) {
        if (event instanceof InvitationCreated created) {
            invitations.insert(created, actor, at);
        } else if (event instanceof InvitationRevoked revoked) {
            invitations.close(revoked.organizationId(), revoked.invitationId(), InvitationStatus.REVOKED, at);
        } else if (event instanceof MemberAdded added && added.invitationId() != null) {
            invitations.close(added.organizationId(), added.invitationId(), InvitationStatus.ACCEPTED, at);
        }
    }
}
