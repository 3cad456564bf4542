package io.voicepartner.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.organization.AcceptInvitation;
import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.ChangeMemberRole;
import io.voicepartner.api.organization.CreateApiKey;
import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.organization.DeleteOrganization;
import io.voicepartner.api.organization.ForgetMember;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.InviteMember;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.api.organization.RemoveMember;
import io.voicepartner.api.organization.RenameOrganization;
import io.voicepartner.api.organization.RevokeApiKey;
import io.voicepartner.api.organization.RevokeInvitation;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.command.common.StreamIds;
import io.voicepartner.support.security.ApiKeyCaller;
import io.voicepartner.support.security.Permission;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on one organization: its name, its members and their roles, its invitations, and its closing. Every
 * decision about who may do what is made on the members it holds, for the {@code actor} of the command (the user
 * the request acts for, from the command's metadata): an admin manages members and invitations, only an owner
 * makes, unmakes, invites or removes an owner or closes the organization, and an organization never loses its
 * last owner. Its personal user stays the owner of their personal organization, which cannot be closed: it is where
 * their requests act when they name no organization. An admin issues and revokes API keys, never one with a scope
 * whose permission their own role lacks; a key itself manages nothing here. Command handlers answer the revision
 * reached.
 *
 * <p>Stored under a stream id of its own ({@link StreamIds}): a personal organization shares its user's id. A
 * deleted organization refuses every command as Axon refuses a deleted aggregate.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
// 2: the API keys it issued (ADR 0018: a snapshot of revision 1 is disposed of and the organization sourced anew);
// 3: invitations' addresses stored before sealing held sealed, as their events are read now (ADR 0042)
@Revision("3")
class Organization {

    /** The metadata key of the user a command is sent for (see {@code Commands}). */
    private static final String ACTOR = "actor";

    enum Status {
        OPEN,
        DELETED
    }

    @AggregateIdentifier
    @SuppressWarnings("UnusedVariable") // read by Axon, by reflection
    private String streamId;

    private String organizationId;
    private String name;
    private boolean personal;
    private long revision;
    private Status status;
    /** Role by user id. */
    private Map<String, Role> members;
    /** Every invitation sent, by invitation id. */
    private Map<String, Invitation> invitations;
    /** The ids of the API keys issued and not revoked, expired ones included: they can still be revoked. */
    private Set<String> apiKeys;

    Organization() {
        // for Axon, which rebuilds the organization from its events
    }

    @CommandHandler
    Organization(CreateOrganization command) {
        apply(new OrganizationCreated(
                command.organizationId(), command.name(), command.ownerUserId(), command.personal()));
    }

    @CommandHandler
    long handle(RenameOrganization command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "renaming it");
        Revisions.require(command.expectedRevision(), revision);
        if (!command.name().equals(name)) {
            apply(new OrganizationRenamed(organizationId, command.name()));
        }
        return revision;
    }

    /** Whether it still has phone numbers is a set-based rule, checked where the deletion is recorded. */
    @CommandHandler
    long handle(DeleteOrganization command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.OWNER, "deleting it");
        if (personal) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Organization '" + organizationId + "' is its user's personal "
                            + "organization, which cannot be deleted.");
        }
        Revisions.require(command.expectedRevision(), revision);
        apply(new OrganizationDeleted(organizationId));
        return revision;
    }

    @CommandHandler
    long handle(InviteMember command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "inviting members");
        if (command.role() == Role.OWNER) {
            requireRole(actor, Role.OWNER, "inviting an owner");
        }
        apply(new InvitationCreated(
                organizationId,
                command.invitationId(),
                command.email(),
                command.role(),
                command.tokenHash(),
                command.expiresAt()));
        return revision;
    }

    @CommandHandler
    long handle(RevokeInvitation command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "revoking invitations");
        Invitation invitation = invitations.get(command.invitationId());
        if (invitation == null || invitation.state() == Invitation.State.REVOKED) {
            throw Refusal.notFound("Invitation", command.invitationId());
        }
        if (invitation.state() == Invitation.State.ACCEPTED) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Invitation '" + command.invitationId() + "' was accepted already; "
                            + "remove the member instead.");
        }
        apply(new InvitationRevoked(organizationId, command.invitationId()));
        return revision;
    }

    /**
     * An invitation that cannot be accepted (used, revoked, expired, or sent to another e-mail address) is not
     * found, alike: whoever holds a token learns nothing about an invitation that is not theirs to take.
     */
    @CommandHandler
    long handle(AcceptInvitation command) {
        requireOpen();
        Invitation invitation = invitations.get(command.invitationId());
        if (invitation == null
                || !invitation.acceptableAt(command.acceptedAt())
                || !invitation.email().equals(command.email())) {
            throw Invitation.notFound();
        }
        if (members.containsKey(command.userId())) {
            throw new Refusal(ErrorCode.CONFLICT, "You are a member of organization '" + organizationId + "' already.");
        }
        apply(new MemberAdded(organizationId, command.userId(), invitation.role(), command.invitationId()));
        return revision;
    }

    @CommandHandler
    long handle(ChangeMemberRole command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "changing roles");
        Role current = roleOfMember(command.userId());
        if (current == Role.OWNER || command.role() == Role.OWNER) {
            requireRole(actor, Role.OWNER, "making or unmaking an owner");
        }
        if (current == command.role()) {
            return revision;
        }
        if (current == Role.OWNER) {
            requireOwnersBeside(command.userId(), "demoted");
        }
        apply(new MemberRoleChanged(organizationId, command.userId(), current, command.role()));
        return revision;
    }

    /** Members may leave by themselves; removing another takes an admin, and removing an owner an owner. */
    @CommandHandler
    long handle(RemoveMember command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.VIEWER, "leaving it");
        Role current = roleOfMember(command.userId());
        if (!command.userId().equals(actor)) {
            requireRole(actor, Role.ADMIN, "removing members");
            if (current == Role.OWNER) {
                requireRole(actor, Role.OWNER, "removing an owner");
            }
        }
        if (current == Role.OWNER) {
            requireOwnersBeside(command.userId(), "removed");
        }
        apply(new MemberRemoved(organizationId, command.userId()));
        return revision;
    }

    /**
     * A person being erased leaves; in an organization they are alone in, personal or not, there is nobody left to
     * hand it to, and it is deleted with them. Only the person themselves is forgotten, and never while they are the
     * only owner of members who stay: the erasure checks that first and refuses all of it ({@code Erasure}).
     */
    @CommandHandler
    long handle(ForgetMember command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        if (!command.userId().equals(actor)) {
            throw Refusal.forbidden("Only the person themselves is forgotten.");
        }
        Role role = roleOfMember(command.userId());
        if (members.size() == 1) {
            apply(new OrganizationDeleted(organizationId));
            return revision;
        }
        if (role == Role.OWNER && !anotherOwnerThan(command.userId())) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "User '" + command.userId() + "' is the only owner of organization '" + organizationId
                            + "', which has other members; make another member an owner first.");
        }
        apply(new MemberRemoved(organizationId, command.userId()));
        return revision;
    }

    /** Nobody issues a key with rights they do not have: each scope needs the least role its permission needs. */
    @CommandHandler
    long handle(CreateApiKey command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "creating API keys");
        for (ApiKeyScope scope : command.scopes()) {
            requireRole(actor, Permission.grantedBy(scope).least(), "an API key with scope '" + scope.wireName() + "'");
        }
        apply(new ApiKeyCreated(
                organizationId,
                command.keyId(),
                command.name(),
                command.scopes(),
                command.prefix(),
                command.secretHash(),
                command.expiresAt()));
        return revision;
    }

    @CommandHandler
    long handle(RevokeApiKey command, @MetaDataValue(ACTOR) String actor) {
        requireOpen();
        requireRole(actor, Role.ADMIN, "revoking API keys");
        if (!apiKeys.contains(command.keyId())) {
            throw Refusal.notFound("API key", command.keyId());
        }
        apply(new ApiKeyRevoked(organizationId, command.keyId()));
        return revision;
    }

    @EventSourcingHandler
    void on(OrganizationCreated event) {
        streamId = StreamIds.ofOrganization(event.organizationId());
        organizationId = event.organizationId();
        name = event.name();
        personal = event.personal();
        status = Status.OPEN;
        members = new LinkedHashMap<>();
        members.put(event.ownerUserId(), Role.OWNER);
        invitations = new LinkedHashMap<>();
        apiKeys = new LinkedHashSet<>();
        revision = 1;
    }

    @EventSourcingHandler
    void on(OrganizationRenamed event) {
        name = event.name();
        revision++;
    }

    @EventSourcingHandler
    void on(OrganizationDeleted event) {
        status = Status.DELETED;
        revision++;
    }

    @EventSourcingHandler
    void on(InvitationCreated event) {
        invitations.put(
                event.invitationId(),
                new Invitation(event.email(), event.role(), event.expiresAt(), Invitation.State.PENDING));
        revision++;
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        invitations.computeIfPresent(event.invitationId(), (id, invitation) -> invitation.in(Invitation.State.REVOKED));
        revision++;
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        members.put(event.userId(), event.role());
        invitations.computeIfPresent(
                event.invitationId(), (id, invitation) -> invitation.in(Invitation.State.ACCEPTED));
        revision++;
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event) {
        members.put(event.userId(), event.role());
        revision++;
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
        revision++;
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        apiKeys.add(event.keyId());
        revision++;
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        apiKeys.remove(event.keyId());
        revision++;
    }

    /** What Axon throws for a deleted aggregate, named by the organization's id, so that callers see no difference. */
    private void requireOpen() {
        if (status == Status.DELETED) {
            throw new AggregateDeletedException(organizationId, "Organization '" + organizationId + "' was deleted.");
        }
    }

    /**
     * A user who is no member finds nothing here, as the access check answers them; one whose role is short is
     * refused, and so is an API key, which reaches only the routes any member may call (leaving): it is no member.
     */
    private void requireRole(String actor, Role least, String doing) {
        if (actor != null && actor.startsWith(ApiKeyCaller.ACTOR_PREFIX)) {
            throw Refusal.forbidden("An API key is no member of organization '" + organizationId + "'; " + doing
                    + " needs a member whose role is '" + least.wireName() + "' or higher.");
        }
        Role role = actor == null ? null : members.get(actor);
        if (role == null) {
            throw Refusal.notFound("Organization", organizationId);
        }
        if (!role.includes(least)) {
            throw Refusal.forbidden("Your role in organization '" + organizationId + "' is '" + role.wireName() + "'; "
                    + doing + " needs '" + least.wireName() + "' or higher.");
        }
    }

    private Role roleOfMember(String userId) {
        Role role = members.get(userId);
        if (role == null) {
            throw Refusal.notFound("Member", userId);
        }
        return role;
    }

    /**
     * An owner may step down or go only while another owner stays, and a personal organization's user never: their
     * requests act there when they name no organization.
     */
    private void requireOwnersBeside(String userId, String what) {
        if (personal && userId.equals(organizationId)) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "User '" + userId + "' owns their personal organization '" + organizationId + "' and cannot be "
                            + what + ".");
        }
        if (!anotherOwnerThan(userId)) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "User '" + userId + "' is the last owner of organization '" + organizationId + "' and cannot be "
                            + what + "; make another member an owner first.");
        }
    }

    private boolean anotherOwnerThan(String userId) {
        return members.entrySet().stream()
                .anyMatch(member ->
                        member.getValue() == Role.OWNER && !member.getKey().equals(userId));
    }
}
