package io.voicepartner.query.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.actor.Actors;
import io.voicepartner.query.history.HistoryRows;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The organizations' public event feed ({@code query.events}, ADR 0031): what the events API, the live streams and
 * the webhooks read, so that they serve the same events with the same ids in the same order.
 *
 * <p>Reading from a cursor never misses a row that commits later: rows are served in (inserting transaction,
 * position) order, and only rows of transactions below the reading snapshot's {@code xmin}, all of which have ended,
 * so every row that can still appear sorts after every row served. A row whose transaction has committed but is not
 * yet below that horizon (an older transaction still runs) is held back for a moment ({@link Page#heldBack}).
 */
@Repository
public class EventFeed {

    /** The PostgreSQL channel every append notifies, with the organization's id as payload, when it commits. */
    public static final String CHANNEL = "events_appended";

    private static final String COLUMNS = "id, CAST(CAST(transaction_id AS text) AS bigint) AS transaction_id, "
            + "position, organization_id, type, occurred_at, resource_type, resource_id, revision, actor, object, "
            + "changes, CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) AS horizon";
    private static final String ORDER = " ORDER BY transaction_id, position LIMIT ?";
    private static final String AFTER = "(transaction_id, position) > (CAST(CAST(? AS text) AS xid8), ?)";

    /** One event of the feed with the cursor that continues after it. */
    public record Entry(FeedCursor cursor, PublicEvent event) {}

    /**
     * Events in feed order from a cursor, as many as asked for or as are served now.
     *
     * @param heldBack whether an event after these has committed but may not be served yet: read again in a moment
     */
    public record Page(List<Entry> entries, boolean heldBack) {

        /** Where to continue: after the last entry, or {@code after} when there is none. */
        public FeedCursor next(FeedCursor after) {
            return entries.isEmpty() ? after : entries.get(entries.size() - 1).cursor();
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;
    private final Actors actors;

    EventFeed(JdbcClient jdbc, ObjectMapper objectMapper, Actors actors) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.actors = actors;
    }

    /**
     * An organization's events after {@code after}, oldest first.
     *
     * @param after {@code null} for the beginning of the feed
     * @param types public types to keep; empty for all
     */
    public Page read(String organizationId, FeedCursor after, Set<String> types, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM query.events WHERE organization_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        where(sql, parameters, after, types);
        return page(sql, parameters, limit);
    }

    /**
     * Every organization's events after {@code after}, oldest first: what a dispatcher to all organizations' webhooks
     * follows, with one cursor of its own.
     */
    public Page readAll(FeedCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM query.events WHERE true");
        List<Object> parameters = new ArrayList<>();
        where(sql, parameters, after, Set.of());
        return page(sql, parameters, limit);
    }

    /** One of the organization's events by its id; empty if it has none of that id. */
    public Optional<Entry> find(String organizationId, String id) {
        List<Entry> found = jdbc.sql("SELECT " + COLUMNS + " FROM query.events WHERE id = ? AND organization_id = ?")
                .params(id, organizationId)
                .query(this::entry)
                .list();
        return completed(found).stream().findFirst();
    }

    /**
     * Where the organization's feed ends now: the cursor of its last event that can be served; empty while it has
     * none. A live stream opened without a cursor starts here.
     */
    public Optional<FeedCursor> end(String organizationId) {
        return jdbc.sql("SELECT CAST(CAST(transaction_id AS text) AS bigint), position FROM query.events "
                        + "WHERE organization_id = ? AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                        + "ORDER BY transaction_id DESC, position DESC LIMIT 1")
                .param(organizationId)
                .query((row, n) -> new FeedCursor(row.getLong(1), row.getLong(2)))
                .optional();
    }

    /** How many events the organization's feed holds, of {@code types} (empty: of every type). */
    public long count(String organizationId, Set<String> types) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM query.events WHERE organization_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        where(sql, parameters, null, types);
        return jdbc.sql(sql.toString()).params(parameters).query(Long.class).single();
    }

    /**
     * Appends an event in the current transaction (the live consumer's, which applied it to the read models) and
     * notifies {@link #CHANNEL} when it commits; an event already there (by id, or by resource and revision) is
     * neither appended nor notified again.
     */
    void append(EventEnvelope envelope, String type, HistoryRows.Recorded recorded) {
        jdbc.sql("WITH appended AS (INSERT INTO query.events (id, organization_id, type, occurred_at, resource_type, "
                        + "resource_id, revision, actor, object, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        + "CAST(? AS jsonb), CAST(? AS jsonb)) ON CONFLICT DO NOTHING RETURNING organization_id) "
                        + "SELECT CAST(pg_notify('" + CHANNEL + "', organization_id) AS text) FROM appended")
                .params(
                        envelope.eventId(),
                        recorded.ownerId(),
                        type,
                        Timestamp.from(envelope.occurredAt()),
                        recorded.aggregateType(),
                        envelope.aggregateId(),
                        envelope.revision(),
                        envelope.actor(),
                        json(recorded.object()),
                        json(recorded.changes()))
                .query()
                .listOfRows();
    }

    private static void where(StringBuilder sql, List<Object> parameters, FeedCursor after, Set<String> types) {
        if (after != null) {
            sql.append(" AND ").append(AFTER);
            parameters.add(Long.toString(after.transactionId()));
            parameters.add(after.position());
        }
        if (!types.isEmpty()) {
            sql.append(" AND type = ANY(?)");
            parameters.add(types.toArray(String[]::new));
        }
    }

    private Page page(StringBuilder sql, List<Object> parameters, int limit) {
        parameters.add(limit);
        List<Row> rows =
                jdbc.sql(sql + ORDER).params(parameters).query(this::row).list();
        List<Entry> served = new ArrayList<>(rows.size());
        boolean heldBack = false;
        for (Row row : rows) {
            if (row.entry().cursor().transactionId() >= row.horizon()) {
                // every later row sorts after this one: none of them may be served before it
                heldBack = true;
                break;
            }
            served.add(row.entry());
        }
        return new Page(completed(served), heldBack);
    }

    /** The entries with their actors completed as the audit log shows them, in one read per page. */
    private List<Entry> completed(List<Entry> entries) {
        return actors.complete(
                entries,
                entry -> entry.event().actor(),
                (entry, actor) -> new Entry(entry.cursor(), entry.event().withActor(actor)));
    }

    private record Row(Entry entry, long horizon) {}

    private Row row(ResultSet row, int rowNumber) throws SQLException {
        return new Row(entry(row, rowNumber), row.getLong("horizon"));
    }

    private Entry entry(ResultSet row, int rowNumber) throws SQLException {
        try {
            return new Entry(
                    new FeedCursor(row.getLong("transaction_id"), row.getLong("position")),
                    new PublicEvent(
                            row.getString("id"),
                            row.getString("type"),
                            row.getTimestamp("occurred_at").toInstant(),
                            row.getString("organization_id"),
                            new PublicEvent.Resource(
                                    row.getString("resource_type"),
                                    row.getString("resource_id"),
                                    row.getLong("revision")),
                            ActorView.recorded(row.getString("actor")),
                            new PublicEvent.Data(
                                    objectMapper.readTree(row.getString("object")),
                                    objectMapper.readTree(row.getString("changes")))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
