package io.voicepartner.query.webhook;

import io.voicepartner.query.web.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code query.webhook_deliveries} and their attempts: what is to be sent to which endpoint, and how each attempt
 * went. Telemetry the query side keeps, never an event (ADR 0032). Nodes take due deliveries with
 * {@code FOR UPDATE SKIP LOCKED} and hold them by a lease, so that two nodes never send the same one at once, and one
 * that dies leaves its deliveries to the others once the lease runs out. A delivery is due only when no earlier one
 * of the same resource to the same endpoint is still pending: the events of a resource arrive in order.
 */
@Repository
class WebhookDeliveries {

    static final String PENDING = "pending";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    /**
     * A delivery taken to be sent, at its next attempt; {@code nextOfItsResourceWaits} when a later delivery of the same
     * resource to the same endpoint is pending, due only once this one is settled.
     */
    record Due(
            String id, String endpointId, String eventId, String body, int attempt, boolean nextOfItsResourceWaits) {}

    private static final String SELECT = "SELECT d.id, d.event_id, d.event_type, d.status, d.attempts, "
            + "d.next_attempt_at, d.redelivery_of, d.created_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    WebhookDeliveries(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** A delivery to add: its id, and the event it sends. */
    record NewDelivery(String id, OrganizationEvents.FeedEvent event) {}

    /** @return false if the event was taken into a delivery to this endpoint already (a feed read again) */
    boolean add(String id, String endpointId, String ownerId, OrganizationEvents.FeedEvent event, Instant at) {
        return addAll(endpointId, ownerId, List.of(new NewDelivery(id, event)), at) == 1;
    }

    /**
     * Adds the deliveries in one statement, in their order (which orders those of a resource), leaving out each event
     * taken into a delivery to this endpoint already (a feed read again). One statement whatever their number: a
     * statement per delivery made a dispatcher round on a busy machine last seconds, and the rounds grow with the wait
     * (the webhook tail, BENCHMARKS.md).
     *
     * @return how many were added
     */
    int addAll(String endpointId, String ownerId, List<NewDelivery> added, Instant at) {
        if (added.isEmpty()) {
            return 0;
        }
        return jdbc.sql("INSERT INTO query.webhook_deliveries (id, endpoint_id, owner_id, event_id, event_type, "
                        + "resource_key, body, status, next_attempt_at, created_at) SELECT n.id, :endpoint_id, "
                        + ":owner_id, n.event_id, n.event_type, n.resource_key, n.body, 'pending', :at, :at FROM "
                        + "unnest(CAST(:ids AS text[]), CAST(:event_ids AS text[]), CAST(:event_types AS text[]), "
                        + "CAST(:resource_keys AS text[]), CAST(:bodies AS text[])) WITH ORDINALITY "
                        + "AS n (id, event_id, event_type, resource_key, body, ordinal) ORDER BY n.ordinal "
                        + "ON CONFLICT (endpoint_id, event_id) WHERE redelivery_of IS NULL DO NOTHING")
                .param("endpoint_id", endpointId)
                .param("owner_id", ownerId)
                .param("at", Timestamp.from(at))
                .param("ids", added.stream().map(NewDelivery::id).toArray(String[]::new))
                .param("event_ids", column(added, OrganizationEvents.FeedEvent::id))
                .param("event_types", column(added, OrganizationEvents.FeedEvent::type))
                .param("resource_keys", column(added, OrganizationEvents.FeedEvent::resourceKey))
                .param("bodies", column(added, OrganizationEvents.FeedEvent::json))
                .update();
    }

    private static String[] column(List<NewDelivery> added, Function<OrganizationEvents.FeedEvent, String> value) {
        return added.stream().map(delivery -> value.apply(delivery.event())).toArray(String[]::new);
    }

    /** A new delivery of what {@code originalId} sent, after whatever of its resource is pending before it. */
    Optional<String> redeliver(String endpointId, String originalId, String id, Instant at) {
        int added = jdbc.sql("INSERT INTO query.webhook_deliveries (id, endpoint_id, owner_id, event_id, event_type, "
                        + "resource_key, body, status, next_attempt_at, redelivery_of, created_at) SELECT :id, "
                        + "endpoint_id, owner_id, event_id, event_type, resource_key, body, 'pending', :at, id, :at "
                        + "FROM query.webhook_deliveries WHERE id = :original AND endpoint_id = :endpoint_id")
                .param("id", id)
                .param("original", originalId)
                .param("endpoint_id", endpointId)
                .param("at", Timestamp.from(at))
                .update();
        return added == 1 ? Optional.of(id) : Optional.empty();
    }

    /**
     * Takes up to {@code limit} due deliveries for {@code lease}; another node skips them meanwhile.
     *
     * <p>Planned afresh at every take, for the table as it is then. The driver prepares a statement it runs often,
     * and PostgreSQL may then keep one generic plan for it; a plan made while the table held a handful of rows
     * checked each due delivery against every pending one of the endpoint, so that once a backlog built up a take of
     * eight took seconds (3.1 s with 3,700 pending, 10 ms planned afresh), and the senders fell further behind with
     * every take (BENCHMARKS.md, feed, the webhook tail's seventh pass).
     */
    List<Due> take(int limit, Duration lease) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return takeDue(limit, lease);
        });
    }

    private List<Due> takeDue(int limit, Duration lease) {
        return jdbc.sql(
                        "UPDATE query.webhook_deliveries d SET leased_until = now() + :lease * interval '1 millisecond' "
                                + "WHERE d.id IN (SELECT c.id FROM query.webhook_deliveries c WHERE c.status = 'pending' "
                                + "AND c.next_attempt_at <= now() AND (c.leased_until IS NULL OR c.leased_until < now()) "
                                + "AND NOT EXISTS (SELECT 1 FROM query.webhook_deliveries e WHERE e.status = 'pending' "
                                + "AND e.endpoint_id = c.endpoint_id AND e.resource_key = c.resource_key "
                                + "AND e.sequence < c.sequence) "
                                + "ORDER BY c.next_attempt_at, c.sequence LIMIT :limit FOR UPDATE SKIP LOCKED) "
                                + "RETURNING d.id, d.endpoint_id, d.event_id, d.body, d.attempts, EXISTS (SELECT 1 "
                                + "FROM query.webhook_deliveries n WHERE n.status = 'pending' AND n.endpoint_id = "
                                + "d.endpoint_id AND n.resource_key = d.resource_key AND n.sequence > d.sequence) "
                                + "AS next_waits")
                .param("lease", lease.toMillis())
                .param("limit", limit)
                .query((row, n) -> new Due(
                        row.getString("id"),
                        row.getString("endpoint_id"),
                        row.getString("event_id"),
                        row.getString("body"),
                        row.getInt("attempts") + 1,
                        row.getBoolean("next_waits")))
                .list();
    }

    /**
     * Records an attempt and where the delivery stands after it: {@code nextAttemptAt} for one to be tried again,
     * {@code null} for one settled ({@code status}); a success also clears its endpoint's failures, if it has any
     * ({@link WebhookProgress#succeeded}). One statement: every attempt pays a round trip for each.
     */
    void attempted(Due due, Instant at, WebhookSender.Outcome outcome, String status, Instant nextAttemptAt) {
        Timestamp next = nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt);
        String recorded = "WITH moved AS (UPDATE query.webhook_deliveries SET status = :status, attempts = :attempt, "
                + "next_attempt_at = CAST(:next AS timestamptz), leased_until = NULL WHERE id = :id AND attempts = :attempt - 1 RETURNING id), "
                + "recorded AS (INSERT INTO query.webhook_attempts (delivery_id, attempt, attempted_at, status_code, "
                + "latency_ms, error, next_retry_at) SELECT id, :attempt, CAST(:at AS timestamptz), CAST(:status_code AS "
                + "integer), :latency_ms, CAST(:error AS text), CAST(:next AS timestamptz) "
                + "FROM moved RETURNING delivery_id) ";
        jdbc.sql(recorded + "UPDATE query.webhook_endpoint_progress SET " + WebhookProgress.CLEAR_FAILURES
                        + " WHERE endpoint_id = :endpoint_id AND CAST(:success AS boolean) AND "
                        + WebhookProgress.FAILING
                        + " AND EXISTS (SELECT 1 FROM recorded)")
                .param("id", due.id())
                .param("status", status)
                .param("attempt", due.attempt())
                .param("next", next, Types.TIMESTAMP)
                .param("at", Timestamp.from(at))
                .param("status_code", outcome.statusCode(), Types.INTEGER)
                .param("latency_ms", outcome.latencyMs())
                .param("error", outcome.error(), Types.VARCHAR)
                .param("endpoint_id", due.endpointId())
                .param("success", outcome.success())
                .update();
    }

    /**
     * Deletes up to {@code limit} settled deliveries (succeeded, failed, cancelled) made before {@code before}, with
     * their attempts; a pending one is kept however old.
     *
     * @return how many were deleted
     */
    int purgeSettledBefore(Instant before, int limit) {
        return jdbc.sql("DELETE FROM query.webhook_deliveries WHERE id IN (SELECT id FROM query.webhook_deliveries "
                        + "WHERE status <> 'pending' AND created_at < :before ORDER BY created_at LIMIT :limit)")
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .update();
    }

    /** Settles a delivery that will not be sent (its endpoint was deleted or disabled). */
    void cancel(String id) {
        jdbc.sql("UPDATE query.webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, "
                        + "leased_until = NULL WHERE id = ? AND status = 'pending'")
                .param(id)
                .update();
    }

    /** The endpoint's deliveries, newest first, each with its attempts; {@code after} is where the last page ended. */
    ListQuery.Page<WebhookDeliveryView> list(String endpointId, String after, int limit) {
        ListQuery.Page<WebhookDeliveryView> page = ListQuery.where(
                        "d", "id", "d.endpoint_id = :endpoint_id", Map.of("endpoint_id", endpointId))
                .fetch(jdbc, SELECT, "query.webhook_deliveries d", after, limit, WebhookDeliveries::delivery);
        return new ListQuery.Page<>(withAttempts(page.items()), page.hasMore(), page.total());
    }

    Optional<WebhookDeliveryView> find(String endpointId, String id) {
        return jdbc.sql(SELECT + " FROM query.webhook_deliveries d WHERE d.endpoint_id = ? AND d.id = ?")
                .params(endpointId, id)
                .query(WebhookDeliveries::delivery)
                .optional()
                .map(found -> withAttempts(List.of(found)).get(0));
    }

    private List<WebhookDeliveryView> withAttempts(List<WebhookDeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, List<WebhookDeliveryView.Attempt>> attempts = new LinkedHashMap<>();
        Collection<String> ids =
                deliveries.stream().map(WebhookDeliveryView::id).toList();
        jdbc.sql("SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error, next_retry_at "
                        + "FROM query.webhook_attempts WHERE delivery_id = ANY(?) ORDER BY delivery_id, attempt")
                .param(ids.toArray(String[]::new))
                .query((RowCallbackHandler) row -> {
                    attempts.computeIfAbsent(row.getString("delivery_id"), id -> new ArrayList<>())
                            .add(new WebhookDeliveryView.Attempt(
                                    row.getInt("attempt"),
                                    row.getTimestamp("attempted_at").toInstant(),
                                    (Integer) row.getObject("status_code"),
                                    row.getLong("latency_ms"),
                                    row.getString("error"),
                                    instant(row.getTimestamp("next_retry_at"))));
                });
        return deliveries.stream()
                .map(delivery -> delivery.withAttempts(attempts.getOrDefault(delivery.id(), List.of())))
                .toList();
    }

    private static WebhookDeliveryView delivery(ResultSet row, int rowNumber) throws SQLException {
        return new WebhookDeliveryView(
                row.getString("id"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("status"),
                row.getInt("attempts"),
                instant(row.getTimestamp("next_attempt_at")),
                row.getString("redelivery_of"),
                row.getTimestamp("created_at").toInstant(),
                List.of());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
