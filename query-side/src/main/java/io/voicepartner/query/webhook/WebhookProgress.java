package io.voicepartner.query.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code query.webhook_endpoint_progress}: per endpoint, how far into the feed its deliveries were made, and how its
 * attempts have been going (failing since when). Telemetry, like the deliveries.
 */
@Repository
class WebhookProgress {

    /** A live, enabled endpoint whose feed one node reads now, holding its row. */
    record Reading(String endpointId, String organizationId, String eventTypes, String cursor) {}

    /** An endpoint that has started, with the time it was created, for its first cursor. */
    record Unstarted(String endpointId, String organizationId, Instant createdAt) {}

    private final JdbcClient jdbc;

    WebhookProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Since when this schema delivers events: the moment it was created, so that a restore, which creates it anew, sends
     * nothing again that happened before (ADR 0038); empty on a schema upgraded while it had endpoints, which delivers
     * everything.
     */
    Optional<Instant> deliversSince() {
        return jdbc.sql("SELECT delivers_since FROM query.webhook_horizon")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** Live endpoints whose feed no node has started reading yet (a test ping's attempts may have made their row). */
    List<Unstarted> unstarted(int limit) {
        return jdbc.sql(
                        "SELECT e.id, e.owner_id, e.created_at FROM query.webhook_endpoints e WHERE e.deleted_at IS NULL "
                                + "AND NOT EXISTS (SELECT 1 FROM query.webhook_endpoint_progress p WHERE p.endpoint_id = e.id "
                                + "AND p.feed_started) ORDER BY e.id LIMIT ?")
                .param(limit)
                .query((row, n) -> new Unstarted(
                        row.getString("id"),
                        row.getString("owner_id"),
                        row.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** @param cursor where its feed starts; {@code null} for the organization's first event */
    void start(String endpointId, String cursor) {
        jdbc.sql(
                        "INSERT INTO query.webhook_endpoint_progress (endpoint_id, feed_started, feed_cursor) VALUES (?, true, ?) "
                                + "ON CONFLICT (endpoint_id) DO UPDATE SET feed_started = true, feed_cursor = excluded.feed_cursor "
                                + "WHERE NOT webhook_endpoint_progress.feed_started")
                .params(endpointId, cursor)
                .update();
    }

    /**
     * Holds, until the transaction ends, the progress of up to {@code limit} live, enabled endpoints that no other
     * node holds, so that only one node reads an endpoint's feed at a time: those after {@code afterEndpointId} (a
     * round goes through all of them a page at a time), of the given organizations only unless that is {@code null}.
     */
    List<Reading> hold(Set<String> organizationIds, String afterEndpointId, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(afterEndpointId));
        String organizations = "";
        if (organizationIds != null) {
            organizations = "AND e.owner_id = ANY(?) ";
            parameters.add(organizationIds.toArray(String[]::new));
        }
        parameters.add(limit);
        return jdbc.sql("SELECT p.endpoint_id, e.owner_id, e.event_types, p.feed_cursor "
                        + "FROM query.webhook_endpoint_progress p JOIN query.webhook_endpoints e ON e.id = p.endpoint_id "
                        + "WHERE p.feed_started AND e.deleted_at IS NULL AND e.enabled AND p.endpoint_id > ? "
                        + organizations + "ORDER BY p.endpoint_id LIMIT ? FOR UPDATE OF p SKIP LOCKED")
                .params(parameters)
                .query((row, n) -> new Reading(
                        row.getString("endpoint_id"),
                        row.getString("owner_id"),
                        row.getString("event_types"),
                        row.getString("feed_cursor")))
                .list();
    }

    void advance(String endpointId, String cursor) {
        jdbc.sql("UPDATE query.webhook_endpoint_progress SET feed_cursor = ? WHERE endpoint_id = ?")
                .params(cursor, endpointId)
                .update();
    }

    /**
     * What a success does to its endpoint's row: clears its failures, only if it has any ({@link #FAILING}), as part of
     * recording the attempt ({@link WebhookDeliveries#attempted}). An endpoint that is succeeding is not written at
     * all: the row is the one the dispatcher holds while it reads the endpoint's feed, and a write on every success
     * would wait for that, and make the dispatcher pass the endpoint over ({@code SKIP LOCKED}) until the next poll
     * (the webhook tail, BENCHMARKS.md).
     */
    static final String CLEAR_FAILURES = "failing_since = NULL, disabled_at = NULL";

    static final String FAILING = "(failing_since IS NOT NULL OR disabled_at IS NOT NULL)";

    /** @return since when the endpoint has failed without a success, this failure included */
    Instant failed(String endpointId, Instant at) {
        return jdbc.sql(
                        "INSERT INTO query.webhook_endpoint_progress (endpoint_id, failing_since) VALUES (?, ?) "
                                + "ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = "
                                + "COALESCE(webhook_endpoint_progress.failing_since, excluded.failing_since) RETURNING failing_since")
                .params(endpointId, Timestamp.from(at))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(at);
    }

    /**
     * Marks the endpoint as being disabled, once: the first node to do so sends the command.
     *
     * @return whether this call marked it
     */
    boolean markDisabling(String endpointId, Instant at) {
        return jdbc.sql("UPDATE query.webhook_endpoint_progress SET disabled_at = ? WHERE endpoint_id = ? "
                                + "AND disabled_at IS NULL")
                        .params(Timestamp.from(at), endpointId)
                        .update()
                == 1;
    }

    /** After the command could not be passed on: the next failure tries again. */
    void unmarkDisabling(String endpointId) {
        jdbc.sql("UPDATE query.webhook_endpoint_progress SET disabled_at = NULL WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }

    /** An endpoint enabled again starts afresh: its failures before are no reason to disable it at once. */
    void restart(String endpointId) {
        jdbc.sql("UPDATE query.webhook_endpoint_progress SET failing_since = NULL, disabled_at = NULL "
                        + "WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }
}
