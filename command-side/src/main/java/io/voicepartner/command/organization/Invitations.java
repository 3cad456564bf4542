package io.voicepartner.command.organization;

import io.voicepartner.api.organization.AcceptInvitation;
import io.voicepartner.command.lookup.OrganizationLookups;
import io.voicepartner.command.user.Accounts;
import io.voicepartner.command.web.Commands;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Takes up an invitation for the signed-in user: its token finds the organization and the invitation, the user's
 * e-mail address comes from their account, and the organization decides whether the invitation is still theirs to
 * take. Every way of not finding one answers alike ({@link Invitation#notFound}).
 */
@Service
class Invitations {

    /** The organization joined, at the revision the joining reached. */
    record Accepted(String organizationId, long revision) {}

    private final OrganizationLookups lookups;
    private final Accounts accounts;
    private final Commands commands;

    Invitations(OrganizationLookups lookups, Accounts accounts, Commands commands) {
        this.lookups = lookups;
        this.accounts = accounts;
        this.commands = commands;
    }

    Accepted accept(String token, String userId) {
        OrganizationLookups.PendingInvitation invitation = InvitationTokens.hashOf(token)
                .flatMap(lookups::pendingInvitation)
                .orElseThrow(Invitation::notFound);
        String email = accounts.emailOf(userId).orElseThrow(Invitation::notFound);
        long revision = commands.send(
                new AcceptInvitation(
                        invitation.organizationId(), invitation.invitationId(), userId, email, Instant.now()),
                userId);
        return new Accepted(invitation.organizationId(), revision);
    }
}
