package io.voicepartner.command.lookup;

import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.support.personal.InvitationAddresses;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link OrganizationLookups} in the lookups' subscribing processor, in the transaction of the append, and
 * checks there the rules between organizations and their phone numbers.
 */
@Component
@ProcessingGroup(LookupProjector.PROCESSING_GROUP)
class OrganizationLookupProjector {

    private final OrganizationLookups organizations;
    private final InvitationAddresses invitationAddresses;

    OrganizationLookupProjector(OrganizationLookups organizations, InvitationAddresses invitationAddresses) {
        this.organizations = organizations;
        this.invitationAddresses = invitationAddresses;
    }

    @EventHandler
    void on(OrganizationCreated event) {
        organizations.organizationCreated(event.organizationId(), event.personal(), event.ownerUserId());
    }

    @EventHandler
    void on(OrganizationDeleted event) {
        // before the pending invitations leave the lookup: their addresses' rows and keys go with them (ADR 0043)
        invitationAddresses.closedWith(event.organizationId());
        organizations.organizationDeleted(event.organizationId());
    }

    @EventHandler
    void on(InvitationCreated event) {
        organizations.invitationCreated(event.organizationId(), event.invitationId(), event.tokenHash(), event.email());
    }

    @EventHandler
    void on(InvitationRevoked event) {
        organizations.invitationClosed(event.invitationId());
        invitationAddresses.closed(event.invitationId());
    }

    @EventHandler
    void on(MemberAdded event) {
        organizations.memberAdded(event.organizationId(), event.userId(), event.role());
        organizations.invitationClosed(event.invitationId());
        if (event.invitationId() != null) {
            invitationAddresses.accepted(event.invitationId());
        }
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        organizations.memberRoleChanged(event.organizationId(), event.userId(), event.role());
    }

    @EventHandler
    void on(MemberRemoved event) {
        organizations.memberRemoved(event.organizationId(), event.userId());
    }

    @EventHandler
    void on(ApiKeyCreated event) {
        organizations.apiKeyCreated(
                event.organizationId(), event.keyId(), event.secretHash(), event.scopes(), event.expiresAt());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        organizations.apiKeyRevoked(event.keyId());
    }

    @EventHandler
    void on(PhoneNumberCreated event) {
        organizations.requireOpen(event.ownerId());
    }

    @EventHandler
    void on(PhoneNumberRestored event) {
        organizations.requireOpen(event.ownerId());
    }
}
