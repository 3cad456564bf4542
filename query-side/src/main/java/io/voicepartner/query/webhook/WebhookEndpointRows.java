package io.voicepartner.query.webhook;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDisabled;
import io.voicepartner.api.webhook.WebhookEndpointSecretRotated;
import io.voicepartner.api.webhook.WebhookEndpointUpdated;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.webhook_endpoints} table. Every write is guarded by the row's revision, which makes it idempotent.
 * The signing secrets are kept as the events carry them, encrypted; only the delivery reads them ({@link #signing}).
 */
@Repository
class WebhookEndpointRows {

    private static final String SELECT =
            "SELECT w.id, w.owner_id, w.url, w.event_types, w.description, w.enabled, w.disabled_reason, "
                    + "CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at END "
                    + "AS previous_secret_expires_at, w.created_by, w.revision, w.created_at, w.updated_at";
    private static final String FROM = "query.webhook_endpoints w";

    /** What signs a delivery to an endpoint now: its secret, and the one a rotation replaced while it still signs. */
    record Signing(String url, List<SecretValue> secrets) {}

    private final JdbcClient jdbc;
    private final RevisionedTable table;

    WebhookEndpointRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.table = new RevisionedTable(jdbc, "webhook_endpoints");
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(WebhookEndpointCreated created, String actor, long revision, Instant at) {
        return jdbc.sql("INSERT INTO webhook_endpoints (id, owner_id, url, event_types, description, enabled, secret, "
                                + "created_by, revision, created_at, updated_at) VALUES (:id, :owner_id, :url, "
                                + ":event_types, :description, true, :secret, COALESCE(:created_by, :owner_id), "
                                + ":revision, :at, :at) ON CONFLICT (id) DO NOTHING")
                        .param("id", created.endpointId())
                        .param("owner_id", created.organizationId())
                        .param("url", created.url())
                        .param("event_types", String.join(" ", created.eventTypes()))
                        .param("description", created.description())
                        .param("secret", created.secret().ciphertext())
                        .param("created_by", actor)
                        .param("revision", revision)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean update(WebhookEndpointUpdated updated, long revision, Instant at) {
        return jdbc.sql("UPDATE webhook_endpoints SET url = :url, event_types = :event_types, "
                                + "description = :description, enabled = :enabled, "
                                + "disabled_reason = CASE WHEN :enabled THEN NULL ELSE disabled_reason END, "
                                + "revision = :revision, updated_at = :at WHERE id = :id AND revision < :revision")
                        .param("id", updated.endpointId())
                        .param("url", updated.url())
                        .param("event_types", String.join(" ", updated.eventTypes()))
                        .param("description", updated.description())
                        .param("enabled", updated.enabled())
                        .param("revision", revision)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean rotate(WebhookEndpointSecretRotated rotated, long revision, Instant at) {
        return jdbc.sql("UPDATE webhook_endpoints SET previous_secret = secret, secret = :secret, "
                                + "previous_secret_expires_at = :expires_at, revision = :revision, updated_at = :at "
                                + "WHERE id = :id AND revision < :revision")
                        .param("id", rotated.endpointId())
                        .param("secret", rotated.secret().ciphertext())
                        .param("expires_at", Timestamp.from(rotated.previousExpiresAt()))
                        .param("revision", revision)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean disable(WebhookEndpointDisabled disabled, long revision, Instant at) {
        return jdbc.sql("UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, "
                                + "revision = :revision, updated_at = :at WHERE id = :id AND revision < :revision")
                        .param("id", disabled.endpointId())
                        .param("reason", disabled.reason())
                        .param("revision", revision)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    boolean markDeleted(String id, long revision, Instant at) {
        return table.markDeleted(id, revision, at);
    }

    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    OptionalLong revisionOf(String ownerId, String id) {
        return table.revisionOf(ownerId, id);
    }

    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    Optional<WebhookEndpointView> find(String ownerId, String id) {
        return jdbc.sql(SELECT + " FROM " + FROM + " WHERE w.id = ? AND w.owner_id = ? AND w.deleted_at IS NULL")
                .params(id, ownerId)
                .query(WebhookEndpointRows::view)
                .optional();
    }

    /** Newest first; {@code after} is the id of the last row of the previous page. */
    ListQuery.Page<WebhookEndpointView> list(String ownerId, String after, int limit) {
        return ListQuery.ownedBy("w", ownerId).fetch(jdbc, SELECT, FROM, after, limit, WebhookEndpointRows::view);
    }

    /** The URL and secrets of a live, enabled endpoint; empty for one deleted or disabled. */
    Optional<Signing> signing(String id) {
        return jdbc.sql("SELECT url, secret, CASE WHEN previous_secret_expires_at > now() THEN previous_secret END "
                        + "AS previous FROM query.webhook_endpoints WHERE id = ? AND deleted_at IS NULL AND enabled")
                .param(id)
                .query((row, n) -> {
                    String previous = row.getString("previous");
                    List<SecretValue> secrets = previous == null
                            ? List.of(new SecretValue(row.getString("secret"), ""))
                            : List.of(new SecretValue(row.getString("secret"), ""), new SecretValue(previous, ""));
                    return new Signing(row.getString("url"), secrets);
                })
                .optional();
    }

    /** The organization of an endpoint, deleted or not. */
    Optional<String> ownerOf(String id) {
        return jdbc.sql("SELECT owner_id FROM query.webhook_endpoints WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    private static WebhookEndpointView view(ResultSet row, int rowNumber) throws SQLException {
        Timestamp previousExpires = row.getTimestamp("previous_secret_expires_at");
        return new WebhookEndpointView(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("url"),
                Arrays.asList(row.getString("event_types").split(" ")),
                row.getString("description"),
                row.getBoolean("enabled"),
                row.getString("disabled_reason"),
                previousExpires == null ? null : previousExpires.toInstant(),
                row.getString("created_by"),
                row.getLong("revision"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
