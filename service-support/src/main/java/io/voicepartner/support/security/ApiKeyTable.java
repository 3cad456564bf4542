package io.voicepartner.support.security;

import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API keys of every organization, as a read side keeps them from {@code voicepartner.organizations} in a table of
 * its own schema: one row per key ever created, with its keyed hash (never its secret), its scopes, who created it
 * and when (the event's actor and time), and when it was revoked (by itself, or with its organization). The query
 * side and analytics both keep one, to authenticate keys on their own routes ({@link ApiKeys}); the query side also
 * lists it.
 *
 * <p>Like {@link MembershipTable}, it does not check revisions: the caller applies each event once and in its
 * organization's order.
 */
public final class ApiKeyTable {

    private final JdbcClient jdbc;
    private final String readTable;
    private final String writtenTable;

    /**
     * @param readTable    the table with its schema, as reads name it: {@code query.api_keys}
     * @param writtenTable the table as the writes name it: without a schema where the projection's transaction
     *                     chooses it (the query side's rebuilds), else the same as {@code readTable}
     */
    public ApiKeyTable(JdbcClient jdbc, String readTable, String writtenTable) {
        this.jdbc = jdbc;
        this.readTable = readTable;
        this.writtenTable = writtenTable;
    }

    /** Applies what the event changes about the organization's keys; closing the organization revokes them all. */
    public void apply(OrganizationEvent event, String actor, Instant at) {
        if (event instanceof ApiKeyCreated created) {
            jdbc.sql("INSERT INTO " + writtenTable + " (id, organization_id, prefix, name, scopes, secret_hash, "
                            + "expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (id) DO NOTHING")
                    .params(
                            created.keyId(),
                            created.organizationId(),
                            created.prefix(),
                            created.name(),
                            ApiKey.storedScopes(created.scopes()),
                            created.secretHash(),
                            created.expiresAt() == null ? null : Timestamp.from(created.expiresAt()),
                            actor,
                            Timestamp.from(at))
                    .update();
        } else if (event instanceof ApiKeyRevoked revoked) {
            jdbc.sql("UPDATE " + writtenTable + " SET revoked_at = ? WHERE id = ? AND organization_id = ? "
                            + "AND revoked_at IS NULL")
                    .params(Timestamp.from(at), revoked.keyId(), revoked.organizationId())
                    .update();
        } else if (event instanceof OrganizationDeleted deleted) {
            jdbc.sql("UPDATE " + writtenTable + " SET revoked_at = ? WHERE organization_id = ? AND revoked_at IS NULL")
                    .params(Timestamp.from(at), deleted.organizationId())
                    .update();
        }
    }

    /** See {@link ApiKeys#findLive}. */
    public Optional<ApiKey> findLive(Collection<String> secretHashes) {
        return jdbc.sql("SELECT id, organization_id, scopes, expires_at FROM " + readTable
                        + " WHERE secret_hash IN (:hashes) AND revoked_at IS NULL")
                .param("hashes", secretHashes)
                .query(ApiKeyTable::key)
                .optional();
    }

    private static ApiKey key(ResultSet row, int rowNumber) throws SQLException {
        Timestamp expiresAt = row.getTimestamp("expires_at");
        return new ApiKey(
                row.getString("id"),
                row.getString("organization_id"),
                ApiKey.scopesStored(row.getString("scopes")),
                expiresAt == null ? null : expiresAt.toInstant());
    }
}
