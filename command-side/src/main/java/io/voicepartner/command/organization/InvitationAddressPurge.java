package io.voicepartner.command.organization;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import io.voicepartner.support.personal.InvitationAddresses;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes, every {@code voicepartner.invitations.purge-interval}, the key and the address row of each invitation that
 * can no longer be accepted and was not (expired, revoked, or its organization deleted: ADR 0043): its invitee may
 * never sign up, and so never erase them. Its address then reads as erased wherever it is sealed. In batches of
 * {@value #BATCH}; several command-side nodes may purge at once.
 */
@Component
class InvitationAddressPurge extends PeriodicRounds {

    private static final int BATCH = 500;

    private final InvitationAddresses addresses;

    InvitationAddressPurge(
            InvitationAddresses addresses, @Value("${voicepartner.invitations.purge-interval}") Duration interval) {
        super("invitation-address-purge", interval);
        this.addresses = addresses;
    }

    /** Batches until one comes back short. */
    @Override
    protected void round() {
        int purged;
        do {
            purged = isRunning() ? addresses.purgeDue(BATCH) : 0;
        } while (purged == BATCH);
    }
}
