package io.voicepartner.command.organization;

import io.voicepartner.api.organization.AcceptInvitation;
import io.voicepartner.api.organization.InviteMember;
import io.voicepartner.api.organization.Role;
import io.voicepartner.command.lookup.OrganizationLookups;
import io.voicepartner.command.user.Accounts;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalData;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends invitations and takes them up. An invitation's address enters its event sealed with a key of the invitation
 * (the invitee may have no account, so no key of their own), and the invitation is recorded under a keyed hash of the
 * address ({@link InvitationAddresses}), in the same transaction, so that erasing the person the address is theirs
 * deletes that key (ADR 0034). To take one up, its token finds the organization and the invitation, the user's e-mail
 * address comes from their account and must be the invitation's, opened here, and the organization decides whether
 * the invitation is still theirs to take. Every way of not finding one answers alike ({@link Invitation#notFound}).
 */
@Service
class Invitations {

    /** The organization joined, at the revision the joining reached. */
    record Accepted(String organizationId, long revision) {}

    private final OrganizationLookups lookups;
    private final Accounts accounts;
    private final Commands commands;
    private final PersonalData personalData;
    private final InvitationAddresses addresses;
    private final TransactionTemplate transaction;

    Invitations(
            OrganizationLookups lookups,
            Accounts accounts,
            Commands commands,
            PersonalData personalData,
            InvitationAddresses addresses,
            TransactionTemplate transaction) {
        this.lookups = lookups;
        this.accounts = accounts;
        this.commands = commands;
        this.personalData = personalData;
        this.addresses = addresses;
        this.transaction = transaction;
    }

    /** @param email normalised (trimmed, lower case) @return the organization's revision after it */
    long invite(
            String organizationId,
            String invitationId,
            String email,
            Role role,
            String tokenHash,
            Instant expiresAt,
            String actor) {
        String address = personalData.seal(invitationId, email);
        Long revision = transaction.execute(status -> {
            addresses.record(invitationId, email, expiresAt);
            return commands.<Long>send(
                    new InviteMember(organizationId, invitationId, address, role, tokenHash, expiresAt), actor);
        });
        return revision == null ? 0 : revision;
    }

    /**
     * The organization compares the address it holds with the one the command carries: the sealed one, once it has
     * opened here to the caller's. An invitation sent before addresses were sealed has none in the lookup, and its
     * event is sealed on read with the invitation's key, alike every time (ADR 0042): the caller's address sealed the
     * same way is what the organization holds if it is the invitation's. An invitation of an erased invitee has no
     * key left: nobody takes it up.
     */
    Accepted accept(String token, String userId) {
        OrganizationLookups.PendingInvitation invitation = InvitationTokens.hashOf(token)
                .flatMap(lookups::pendingInvitation)
                .orElseThrow(Invitation::notFound);
        String email = accounts.emailOf(userId).orElseThrow(Invitation::notFound);
        String addressed = Optional.ofNullable(invitation.email())
                .map(stored -> personalData
                        .open(stored)
                        .filter(email::equals)
                        .map(opened -> stored)
                        .orElseThrow(Invitation::notFound))
                .orElseGet(() -> personalData
                        .stableSealing()
                        .seal(invitation.invitationId(), email)
                        .orElseThrow(Invitation::notFound));
        long revision = commands.send(
                new AcceptInvitation(
                        invitation.organizationId(), invitation.invitationId(), userId, addressed, Instant.now()),
                userId);
        return new Accepted(invitation.organizationId(), revision);
    }
}
