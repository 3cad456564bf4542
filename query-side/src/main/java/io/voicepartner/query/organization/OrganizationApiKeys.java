package io.voicepartner.query.organization;

import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.ApiKeyTable;
import io.voicepartner.support.security.ApiKeyUse;
import io.voicepartner.support.security.ApiKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code query.api_keys}: the keys the query side's routes are authenticated by ({@link ApiKeys}; in the all-in-one
 * the command side's lookup answers instead, as the primary one), written in the projection transaction that moved
 * their organization's row to the event's revision; and their lists, with each key's latest use from
 * {@code query.api_key_uses}.
 */
@Repository
class OrganizationApiKeys implements ApiKeys {

    private static final String SELECT = "SELECT k.id, k.organization_id, k.name, k.prefix, k.scopes, k.created_by, "
            + "k.created_at, k.expires_at, u.last_used_at, k.revoked_at";
    private static final String FROM = "query.api_keys k LEFT JOIN query.api_key_uses u ON u.key_id = k.id";

    private final JdbcClient jdbc;
    private final ApiKeyTable table;

    OrganizationApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
        // written as the projection's transaction chooses the schema: the served tables, or a rebuild's
        this.table = new ApiKeyTable(jdbc, "query.api_keys", "api_keys");
    }

    /** Inside the projection transaction that has moved the organization's row to the event's revision. */
    void apply(OrganizationEvent event, String actor, Instant at) {
        table.apply(event, actor, at);
    }

    @Override
    public Optional<ApiKey> findLive(Collection<String> secretHashes) {
        return table.findLive(secretHashes);
    }

    /** A side's report of a key's latest use; an earlier one than the use held changes nothing. */
    void used(ApiKeyUse use) {
        jdbc.sql("INSERT INTO query.api_key_uses (key_id, last_used_at) VALUES (?, ?) ON CONFLICT (key_id) "
                        + "DO UPDATE SET last_used_at = GREATEST(api_key_uses.last_used_at, excluded.last_used_at)")
                .params(use.keyId(), Timestamp.from(use.lastUsedAt()))
                .update();
    }

    /** The organization's keys, revoked ones included, newest first; {@code after} is the id the last page ended with. */
    ListQuery.Page<ApiKeyView> list(String organizationId, String after, int limit) {
        return ListQuery.where(
                        "k", "id", "k.organization_id = :organization_id", Map.of("organization_id", organizationId))
                .fetch(jdbc, SELECT, FROM, after, limit, OrganizationApiKeys::view);
    }

    private static ApiKeyView view(ResultSet row, int rowNumber) throws SQLException {
        return new ApiKeyView(
                row.getString("id"),
                row.getString("organization_id"),
                row.getString("name"),
                row.getString("prefix"),
                List.copyOf(ApiKey.scopesStored(row.getString("scopes"))),
                row.getString("created_by"),
                row.getTimestamp("created_at").toInstant(),
                instant(row.getTimestamp("expires_at")),
                instant(row.getTimestamp("last_used_at")),
                instant(row.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
