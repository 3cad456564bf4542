package io.voicepartner.query.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.actor.Actors;
import io.voicepartner.query.history.HistoryRows;
import io.voicepartner.support.web.ApiException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
 *
 * <p>The feed has a generation ({@code query.feed_generation}, ADR 0041), made with the query schema: a restore makes
 * a new one, whose feed is filled again under other transaction ids and in another order. A cursor of an earlier
 * generation is carried over by the id of its last event ({@link #resolve}).
 */
@Repository
public class EventFeed {

    /** The PostgreSQL channel every append notifies, with the organization's id as payload, when it commits. */
    public static final String CHANNEL = "events_appended";

    /**
     * The transaction id as a number is named {@code transaction_number}, never {@code transaction_id}: an output
     * column of a column's name is what {@code ORDER BY} sorts by, and sorting by the number instead of the column
     * read every event of the organization for each page, and for its end, instead of walking the index
     * {@code events_feed} (0.4–0.6 s an organization of 85,000 events; BENCHMARKS.md, the feed's ninth pass).
     */
    private static final String TRANSACTION_NUMBER =
            "CAST(CAST(transaction_id AS text) AS bigint) AS transaction_number";

    private static final String COLUMNS = "id, " + TRANSACTION_NUMBER + ", "
            + "position, organization_id, type, occurred_at, resource_type, resource_id, revision, actor, object, "
            + "changes, CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) AS horizon";

    private static final String ORDER = " ORDER BY transaction_id, position LIMIT ?";
    private static final String NEW_GENERATION = "substr(md5(CAST(gen_random_uuid() AS text)), 1, 16)";
    private static final String AFTER = "(transaction_id, position) > (CAST(CAST(? AS text) AS xid8), ?)";

    /** One event of the feed with the cursor that continues after it. */
    public record Entry(FeedCursor cursor, PublicEvent event) {}

    /**
     * Events in feed order from a cursor, as many as asked for or as are served now.
     *
     * @param heldBack whether an event after these has committed but may not be served yet: read again in a moment
     */
    public record Page(List<Entry> entries, boolean heldBack, FeedCursor start) {

        /**
         * Where to continue: after the last entry, or where this page started (the cursor read after, carried over to
         * the current generation) when there is none; {@code null} at the beginning of an empty feed.
         */
        public FeedCursor next() {
            return entries.isEmpty() ? start : entries.get(entries.size() - 1).cursor();
        }
    }

    /** A cursor of an earlier generation whose last event the current feed does not hold: a restore lost it. */
    public static final class CursorGone extends RuntimeException {

        CursorGone(String eventId) {
            super(
                    "the event " + eventId + " this cursor continues after is no longer in the feed (a restore of the "
                            + "platform lost it): read the feed again from the beginning",
                    null,
                    false,
                    false);
        }

        /** The refusal of a request that sent the cursor as {@code field}: {@code 410 gone} naming it. */
        public ApiException refusal(String field) {
            return new ApiException(
                    ErrorCode.GONE,
                    "The cursor's place in the event feed is gone.",
                    List.of(new FieldError(field, getMessage())));
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
     * @param after {@code null} for the beginning of the feed; a cursor of another generation is carried over
     *              ({@link #resolve})
     * @param types public types to keep; empty for all
     * @throws CursorGone if {@code after} is of another generation and its last event is not in this feed
     */
    public Page read(String organizationId, FeedCursor after, Set<String> types, int limit) {
        String generation = generation();
        FeedCursor from = resolve(organizationId, after, generation);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM query.events WHERE organization_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        where(sql, parameters, from, types);
        parameters.add(limit);
        List<Row> rows = jdbc.sql(sql + ORDER)
                .params(parameters)
                .query((row, n) -> new Row(entry(row, from, generation), row.getLong("horizon")))
                .list();
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
        return new Page(completed(served), heldBack, from);
    }

    /**
     * The cursor as a cursor of the current feed. One of this generation, or issued before generations, is as it is.
     * One of another (a restore happened since it was issued) is found again by its last event, which keeps its id
     * across a restore: the new feed was filled in another order than the old one, so the cursor continues with every
     * event of the new feed that occurred after that one, read from the new feed's beginning ({@link FeedCursor.Floor}).
     *
     * @throws CursorGone if that event is not in the current feed
     */
    public FeedCursor resolve(String organizationId, FeedCursor after) {
        return resolve(organizationId, after, generation());
    }

    private FeedCursor resolve(String organizationId, FeedCursor after, String generation) {
        if (after == null || after.of(generation)) {
            return after;
        }
        return jdbc.sql("SELECT occurred_at FROM query.events WHERE organization_id = ? AND id = ?")
                .params(organizationId, after.eventId())
                .query((row, n) -> new FeedCursor(
                        generation,
                        0,
                        0,
                        after.eventId(),
                        new FeedCursor.Floor(row.getTimestamp(1).toInstant(), after.eventId())))
                .optional()
                .orElseThrow(() -> new CursorGone(after.eventId()));
    }

    /**
     * The feed's generation: made with the query schema (migration V37), so a restore, which creates the schema again,
     * makes a new one; made again here if an operator's reset ({@code infra/scripts/reset}) emptied the table with the
     * feed. Read on every use, not kept: it is one row, and a node must not serve cursors of a feed that was replaced.
     */
    String generation() {
        return current().orElseGet(() -> {
            jdbc.sql("INSERT INTO query.feed_generation (id) VALUES (" + NEW_GENERATION + ") ON CONFLICT DO NOTHING")
                    .update();
            return current().orElseThrow(() -> new IllegalStateException("query.feed_generation holds no row"));
        });
    }

    private Optional<String> current() {
        return jdbc.sql("SELECT id FROM query.feed_generation")
                .query(String.class)
                .optional();
    }

    /** One of the organization's events by its id; empty if it has none of that id. */
    public Optional<Entry> find(String organizationId, String id) {
        String generation = generation();
        List<Entry> found = jdbc.sql("SELECT " + COLUMNS + " FROM query.events WHERE id = ? AND organization_id = ?")
                .params(id, organizationId)
                .query((row, n) -> entry(row, null, generation))
                .list();
        return completed(found).stream().findFirst();
    }

    /**
     * Where the organization's feed ends now: the cursor of its last event that can be served; empty while it has
     * none. A live stream opened without a cursor starts here.
     */
    public Optional<FeedCursor> end(String organizationId) {
        return last(organizationId, "", List.of());
    }

    /**
     * The cursor of the organization's last event that can be served and occurred before {@code at}, by the events'
     * own time; empty while it has none. Only below the feed's horizon (ADR 0031), as every read of the feed: a
     * projection batch still running may hold a lower transaction id than an event already committed, and a cursor
     * past that event would pass over the batch's events for good once it commits.
     */
    public Optional<FeedCursor> endBefore(String organizationId, Instant at) {
        return last(organizationId, "AND occurred_at < ? ", List.of(Timestamp.from(at)));
    }

    private Optional<FeedCursor> last(String organizationId, String condition, List<Object> parameters) {
        String generation = generation();
        List<Object> all = new ArrayList<>(List.of(organizationId));
        all.addAll(parameters);
        return jdbc.sql("SELECT " + TRANSACTION_NUMBER + ", position, id FROM query.events "
                        + "WHERE organization_id = ? " + condition
                        + "AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                        + "ORDER BY transaction_id DESC, position DESC LIMIT 1")
                .params(all)
                .query((row, n) -> FeedCursor.of(generation, row.getLong(1), row.getLong(2), row.getString(3)))
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
            if (after.floor() != null) {
                // an event at the very same time as the client's last one is served: perhaps again, never missed
                sql.append(" AND (occurred_at > ? OR (occurred_at = ? AND id <> ?))");
                Timestamp floor = Timestamp.from(after.floor().occurredAt());
                parameters.add(floor);
                parameters.add(floor);
                parameters.add(after.floor().eventId());
            }
        }
        if (!types.isEmpty()) {
            sql.append(" AND type = ANY(?)");
            parameters.add(types.toArray(String[]::new));
        }
    }

    /** The entries with their actors completed as the audit log shows them, in one read per page. */
    private List<Entry> completed(List<Entry> entries) {
        return actors.complete(
                entries,
                entry -> entry.event().actor(),
                (entry, actor) -> new Entry(entry.cursor(), entry.event().withActor(actor)));
    }

    private record Row(Entry entry, long horizon) {}

    /**
     * @param from the cursor the row was read after, whose floor the row's cursor keeps; {@code null} when the row was
     *             found otherwise
     */
    private Entry entry(ResultSet row, FeedCursor from, String generation) throws SQLException {
        long transactionId = row.getLong("transaction_number");
        long position = row.getLong("position");
        String id = row.getString("id");
        try {
            return new Entry(
                    from == null
                            ? FeedCursor.of(generation, transactionId, position, id)
                            : from.after(transactionId, position, id),
                    new PublicEvent(
                            id,
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
