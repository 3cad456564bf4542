package io.voicepartner.command.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.command.eventstore.CommandDatabase;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The addresses of invitees who never sign up go by themselves (ADR 0043), on the real tables: once an invitation has
 * expired, been revoked or lost its organization without being accepted, the purge deletes its key, so that the
 * address sealed in its event reads as erased, and its row; a pending invitation and an accepted one keep theirs (the
 * accepted invitee's own erasure deletes them). The migration gives the invitations sent before it the same fate.
 */
class InvitationAddressPurgeTest {

    private final Instant nextWeek = Instant.now().plus(7, ChronoUnit.DAYS);
    private final Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS);

    @Test
    void theAddressesOfInvitationsNoOneCanAcceptAnyMoreArePurged() {
        try (CommandDatabase database = CommandDatabase.create()) {
            PersonalDataKeys keys = new PersonalDataKeys(database.jdbc(), KeyWrapping.development());
            PersonalData personalData = new PersonalData(keys);
            InvitationAddresses addresses = new InvitationAddresses(database.jdbc(), keys);
            Sent pending = invite(personalData, addresses, "pending@example.com", nextWeek);
            Sent expired = invite(personalData, addresses, "expired@example.com", lastWeek);
            Sent revoked = invite(personalData, addresses, "revoked@example.com", nextWeek);
            Sent accepted = invite(personalData, addresses, "accepted@example.com", lastWeek);
            Sent ofADeletedOrganization = invite(personalData, addresses, "closed@example.com", nextWeek);
            database.jdbc()
                    .sql("INSERT INTO command.invitation_lookup (invitation_id, organization_id, token_hash) "
                            + "VALUES (?, 'org-deleted', 'hash')")
                    .param(ofADeletedOrganization.id())
                    .update();
            addresses.closed(revoked.id());
            // accepted, then past the expiry it had: kept
            addresses.accepted(accepted.id());
            addresses.closedWith("org-deleted");

            InvitationAddressPurge purge = new InvitationAddressPurge(addresses, Duration.ofHours(1));
            purge.start();
            try {
                purge.round();
            } finally {
                purge.stop();
                purge.destroy();
            }

            assertThat(database.jdbc()
                            .sql("SELECT invitation_id FROM command.invitation_addresses")
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrder(pending.id(), accepted.id());
            assertThat(personalData.open(pending.sealed())).contains("pending@example.com");
            assertThat(personalData.open(accepted.sealed())).contains("accepted@example.com");
            assertThat(addresses.invitationsTo("accepted@example.com")).containsExactly(accepted.id());
            for (Sent gone : List.of(expired, revoked, ofADeletedOrganization)) {
                assertThat(personalData.open(gone.sealed())).as(gone.id()).isEmpty();
            }
        }
    }

    @Test
    void theMigrationGivesTheInvitationsSentBeforeItTheSameFate() {
        try (CommandDatabase database = CommandDatabase.createAt("23")) {
            String pending = UUID.randomUUID().toString();
            String expired = UUID.randomUUID().toString();
            String revoked = UUID.randomUUID().toString();
            String accepted = UUID.randomUUID().toString();
            for (String id : List.of(pending, expired, revoked, accepted)) {
                database.jdbc()
                        .sql("INSERT INTO command.invitation_addresses (invitation_id, address_hash) VALUES (?, ?)")
                        .params(id, "hash-" + id)
                        .update();
                store(
                        database,
                        "InvitationCreated",
                        "{\"organization_id\":\"org-1\",\"invitation_id\":\"" + id
                                + "\",\"email\":\"pd1:x\",\"role\":\"editor\",\"token_hash\":\"h-" + id
                                + "\",\"expires_at\":\""
                                + (id.equals(expired) ? lastWeek : nextWeek) + "\"}");
            }
            for (String stillPending : List.of(pending, expired)) {
                database.jdbc()
                        .sql("INSERT INTO command.invitation_lookup (invitation_id, organization_id, token_hash) "
                                + "VALUES (?, 'org-1', ?)")
                        .params(stillPending, "h-" + stillPending)
                        .update();
            }
            store(
                    database,
                    "MemberAdded",
                    "{\"organization_id\":\"org-1\",\"user_id\":\"u\",\"role\":\"editor\"," + "\"invitation_id\":\""
                            + accepted + "\"}");

            database.migrate();

            assertThat(purgeAfter(database, pending)).isEqualTo("future");
            assertThat(purgeAfter(database, expired)).isEqualTo("past");
            assertThat(purgeAfter(database, revoked)).isEqualTo("past");
            assertThat(purgeAfter(database, accepted)).isEqualTo("kept");
        }
    }

    /** An invitation as its event holds it: its id and its address sealed with its key. */
    private record Sent(String id, String sealed) {}

    private static Sent invite(
            PersonalData personalData, InvitationAddresses addresses, String email, Instant expiresAt) {
        String invitationId = UUID.randomUUID().toString();
        String sealed = personalData.seal(invitationId, email);
        addresses.record(invitationId, email, expiresAt);
        return new Sent(invitationId, sealed);
    }

    private static String purgeAfter(CommandDatabase database, String invitationId) {
        return database.jdbc()
                .sql("SELECT CASE WHEN purge_after IS NULL THEN 'kept' WHEN purge_after <= now() THEN 'past' "
                        + "ELSE 'future' END FROM command.invitation_addresses WHERE invitation_id = ?")
                .param(invitationId)
                .query(String.class)
                .single();
    }

    private static void store(CommandDatabase database, String type, String json) {
        database.jdbc()
                .sql("INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                        + "type, time_stamp, payload_type, payload) VALUES (?, 'org-1', "
                        + "(SELECT count(*) FROM command.domain_event_entry), 'Organization', '2026-12-01T00:00:00Z', "
                        + "?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        "io.voicepartner.api.organization." + type,
                        json.getBytes(StandardCharsets.UTF_8))
                .update();
    }
}
