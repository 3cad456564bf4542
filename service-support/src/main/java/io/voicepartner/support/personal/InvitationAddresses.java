package io.voicepartner.support.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which invitations were sent to which address (ADR 0034). An invitation's address is sealed with a key of the
 * invitation itself, since the invitee may never have an account; this table, {@code command.invitation_addresses},
 * finds the invitations sent to an address by a keyed hash of it, so that erasing a person deletes the keys of every
 * invitation sent to them (and the export lists them). The hash is HMAC-SHA256 under a random key of the platform's
 * own, kept with the persons' keys: a hash in a stolen dump of this table cannot be checked against a list of
 * addresses without it, and it never changes, so that a row is found for as long as it is kept.
 */
public final class InvitationAddresses {

    /** The subject under which the key of the hash is kept in {@code personal_data_keys}. */
    static final String HASH_KEY_SUBJECT = "platform:invitation-addresses";

    private final JdbcClient jdbc;
    private final PersonalDataKeys keys;

    public InvitationAddresses(JdbcClient jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * @param email normalised as at sign-up (trimmed, lower case)
     * @param expiresAt the invitation's expiry: unless it is accepted before, the row and the key go then
     */
    public void record(String invitationId, String email, Instant expiresAt) {
        jdbc.sql("INSERT INTO command.invitation_addresses (invitation_id, address_hash, purge_after) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(invitationId, hash(email), Timestamp.from(expiresAt))
                .update();
    }

    /** Accepted: the invitee has an account now, and the row and the key go with their erasure, not before. */
    public void accepted(String invitationId) {
        jdbc.sql("UPDATE command.invitation_addresses SET purge_after = NULL WHERE invitation_id = ?")
                .param(invitationId)
                .update();
    }

    /** Revoked: no one can accept it any more, and the next {@link #purgeDue} round deletes the row and the key. */
    public void closed(String invitationId) {
        jdbc.sql("UPDATE command.invitation_addresses SET purge_after = LEAST(purge_after, now()) "
                        + "WHERE invitation_id = ?")
                .param(invitationId)
                .update();
    }

    /** {@link #closed} for every invitation of an organization still pending (in {@code invitation_lookup}). */
    public void closedWith(String organizationId) {
        jdbc.sql("UPDATE command.invitation_addresses SET purge_after = LEAST(purge_after, now()) WHERE invitation_id "
                        + "IN (SELECT invitation_id FROM command.invitation_lookup WHERE organization_id = ?)")
                .param(organizationId)
                .update();
    }

    /**
     * Deletes the key and the row of up to {@code limit} invitations that expired, were revoked or whose organization
     * was deleted without anyone accepting them (ADR 0043): an invitee who never signs up cannot erase them. Each
     * invitation in a statement of its own; several nodes may purge at once.
     *
     * @return how many it deleted
     */
    public int purgeDue(int limit) {
        List<String> due = jdbc.sql("SELECT invitation_id FROM command.invitation_addresses WHERE purge_after < now() "
                        + "ORDER BY purge_after LIMIT ?")
                .param(limit)
                .query(String.class)
                .list();
        int purged = 0;
        for (String invitationId : due) {
            keys.delete(invitationId);
            purged += jdbc.sql(
                            "DELETE FROM command.invitation_addresses WHERE invitation_id = ? AND purge_after < now()")
                    .param(invitationId)
                    .update();
        }
        return purged;
    }

    /** The ids of the invitations sent to the address. */
    public List<String> invitationsTo(String email) {
        return jdbc.sql("SELECT invitation_id FROM command.invitation_addresses WHERE address_hash = ? "
                        + "ORDER BY invitation_id")
                .param(hash(email))
                .query(String.class)
                .list();
    }

    /** Deletes the key of every invitation sent to the address, which makes each unreadable, and their rows. */
    public void erase(String email) {
        invitationsTo(email).forEach(keys::delete);
        jdbc.sql("DELETE FROM command.invitation_addresses WHERE address_hash = ?")
                .param(hash(email))
                .update();
    }

    private String hash(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.keyOf(HASH_KEY_SUBJECT), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
