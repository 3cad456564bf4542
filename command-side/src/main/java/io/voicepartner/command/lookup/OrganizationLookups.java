package io.voicepartner.command.lookup;

import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.ApiKeys;
import io.voicepartner.support.security.Memberships;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The organization lookups of {@code V15__organizations.sql} and {@code V16__api_key_lookup.sql}: every request's
 * access check asks them for the caller's role ({@link Memberships}) or finds the API key presented
 * ({@link ApiKeys}), accepting an invitation finds it by its token's hash here, and an organization with live phone
 * numbers is never closed nor a phone number bought in a closed one. The primary {@link Memberships} and
 * {@link ApiKeys} where the sides run in one process: written with the events, it never lags behind them.
 */
@Repository
@Primary
public class OrganizationLookups implements Memberships, ApiKeys {

    /**
     * A pending invitation, found by its token.
     *
     * @param email its address sealed as its event has it; {@code null} for one sent before addresses were sealed
     */
    public record PendingInvitation(String organizationId, String invitationId, String email) {}

    /** The role of {@code :user} in {@code :organization}; {@link TokenLookups} reads it with a token's revocation. */
    static final String ROLE_QUERY =
            "SELECT role FROM command.membership_lookup WHERE organization_id = :organization AND user_id = :user";

    private final JdbcClient jdbc;

    OrganizationLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Role> roleOf(String organizationId, String userId) {
        return jdbc.sql(ROLE_QUERY)
                .param("organization", organizationId)
                .param("user", userId)
                .query(String.class)
                .optional()
                .map(Role::fromWireName);
    }

    @Override
    public Optional<ApiKey> findLive(Collection<String> secretHashes) {
        return jdbc.sql("SELECT key_id, organization_id, scopes, expires_at FROM command.api_key_lookup "
                        + "WHERE secret_hash IN (:hashes)")
                .param("hashes", secretHashes)
                .query((row, rowNumber) -> {
                    Timestamp expiresAt = row.getTimestamp("expires_at");
                    return new ApiKey(
                            row.getString("key_id"),
                            row.getString("organization_id"),
                            ApiKey.scopesStored(row.getString("scopes")),
                            expiresAt == null ? null : expiresAt.toInstant());
                })
                .optional();
    }

    /** @param tokenHash the SHA-256 (hex) of the invitation's token */
    public Optional<PendingInvitation> pendingInvitation(String tokenHash) {
        return jdbc.sql(
                        "SELECT organization_id, invitation_id, email FROM command.invitation_lookup WHERE token_hash = ?")
                .param(tokenHash)
                .query(PendingInvitation.class)
                .optional();
    }

    /**
     * A person's place in one organization, as an erasure decides on it.
     *
     * @param members how many members it has, the person included
     * @param owners how many of them are owners
     */
    public record Membership(String organizationId, Role role, int members, int owners) {

        /** Nobody is left to take the organization over: it goes with the person. */
        public boolean alone() {
            return members == 1;
        }

        /** Others stay, and nobody could manage them once the person is gone. */
        public boolean onlyOwnerOfOthers() {
            return role == Role.OWNER && owners == 1 && members > 1;
        }
    }

    /** Every organization the user is a member of, oldest id first. */
    public List<Membership> membershipsOf(String userId) {
        return jdbc.sql("SELECT m.organization_id, m.role, "
                        + "(SELECT count(*) FROM command.membership_lookup a WHERE a.organization_id = m.organization_id), "
                        + "(SELECT count(*) FROM command.membership_lookup o WHERE o.organization_id = m.organization_id "
                        + "AND o.role = 'owner') "
                        + "FROM command.membership_lookup m WHERE m.user_id = ? ORDER BY m.organization_id")
                .param(userId)
                .query((row, n) -> new Membership(
                        row.getString(1), Role.fromWireName(row.getString(2)), row.getInt(3), row.getInt(4)))
                .list();
    }

    /** The live resources an organization owns, by kind, to be deleted with it. */
    public record Resources(
            List<String> webhookEndpoints,
            List<String> phoneNumbers,
            List<String> assistants,
            List<String> tools,
            List<String> files) {}

    public Resources resourcesOf(String organizationId) {
        return new Resources(
                live("endpoint_id", "webhook_endpoint_lookup", organizationId),
                live("phone_number_id", "phone_number_lookup", organizationId),
                live("assistant_id", "assistant_lookup", organizationId),
                live("tool_id", "tool_lookup", organizationId),
                live("file_id", "file_lookup", organizationId));
    }

    private List<String> live(String id, String table, String organizationId) {
        return jdbc.sql("SELECT " + id + " FROM command." + table + " WHERE owner_id = ? AND NOT deleted ORDER BY "
                        + id)
                .param(organizationId)
                .query(String.class)
                .list();
    }

    void organizationCreated(String organizationId, boolean personal, String ownerUserId) {
        jdbc.sql("INSERT INTO command.organization_lookup (organization_id, personal) VALUES (?, ?)")
                .params(organizationId, personal)
                .update();
        memberAdded(organizationId, ownerUserId, Role.OWNER);
    }

    /**
     * Closes the organization, refused while it has live phone numbers. The organization's row is written first:
     * a phone number bought in it meanwhile waits for this transaction and is then refused ({@link #requireOpen}),
     * and one bought before is counted here.
     */
    void organizationDeleted(String organizationId) {
        jdbc.sql("UPDATE command.organization_lookup SET deleted = true WHERE organization_id = ?")
                .param(organizationId)
                .update();
        long phoneNumbers = jdbc.sql(
                        "SELECT count(*) FROM command.phone_number_lookup WHERE owner_id = ? AND NOT deleted")
                .param(organizationId)
                .query(Long.class)
                .single();
        if (phoneNumbers > 0) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Organization '" + organizationId + "' still has " + phoneNumbers
                            + (phoneNumbers == 1 ? " phone number" : " phone numbers") + "; release "
                            + (phoneNumbers == 1 ? "it" : "them") + " before deleting the organization.");
        }
        jdbc.sql("DELETE FROM command.membership_lookup WHERE organization_id = ?")
                .param(organizationId)
                .update();
        jdbc.sql("DELETE FROM command.invitation_lookup WHERE organization_id = ?")
                .param(organizationId)
                .update();
        jdbc.sql("DELETE FROM command.api_key_lookup WHERE organization_id = ?")
                .param(organizationId)
                .update();
    }

    /**
     * Refuses a phone number to a closed organization, as the access check would have; the row is locked
     * ({@code FOR SHARE}) so that the organization is not closed until the number is stored, and then counted.
     * An owner with no organization row (a user whose personal organization is still to be opened) is open.
     */
    void requireOpen(String organizationId) {
        boolean deleted = jdbc.sql(
                        "SELECT deleted FROM command.organization_lookup WHERE organization_id = ? FOR SHARE")
                .param(organizationId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (deleted) {
            throw Refusal.notFound("Organization", organizationId);
        }
    }

    void memberAdded(String organizationId, String userId, Role role) {
        jdbc.sql("INSERT INTO command.membership_lookup (organization_id, user_id, role) VALUES (?, ?, ?)")
                .params(organizationId, userId, role.wireName())
                .update();
    }

    void memberRoleChanged(String organizationId, String userId, Role role) {
        jdbc.sql("UPDATE command.membership_lookup SET role = ? WHERE organization_id = ? AND user_id = ?")
                .params(role.wireName(), organizationId, userId)
                .update();
    }

    void memberRemoved(String organizationId, String userId) {
        jdbc.sql("DELETE FROM command.membership_lookup WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId)
                .update();
    }

    void invitationCreated(String organizationId, String invitationId, String tokenHash, String email) {
        jdbc.sql("INSERT INTO command.invitation_lookup (invitation_id, organization_id, token_hash, email) "
                        + "VALUES (?, ?, ?, ?)")
                .params(invitationId, organizationId, tokenHash, email)
                .update();
    }

    /** Used or revoked: its token finds nothing any more. */
    void invitationClosed(String invitationId) {
        jdbc.sql("DELETE FROM command.invitation_lookup WHERE invitation_id = ?")
                .param(invitationId)
                .update();
    }

    void apiKeyCreated(
            String organizationId, String keyId, String secretHash, List<ApiKeyScope> scopes, Instant expiresAt) {
        jdbc.sql("INSERT INTO command.api_key_lookup (key_id, organization_id, secret_hash, scopes, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(
                        keyId,
                        organizationId,
                        secretHash,
                        ApiKey.storedScopes(scopes),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    /** Revoked: it finds nothing any more. */
    void apiKeyRevoked(String keyId) {
        jdbc.sql("DELETE FROM command.api_key_lookup WHERE key_id = ?")
                .param(keyId)
                .update();
    }
}
