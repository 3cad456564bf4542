package io.voicepartner.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.consuming.ProjectedTable;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.history} table. Rows are only ever inserted; the primary key makes a redelivery a no-op.
 * Public only so that each feature's {@link HistoryProjector} can be given it; its methods are this package's.
 */
@Repository
public class HistoryRows {

    private static final TypeReference<Map<String, HistoryEntry.Change>> CHANGES = new TypeReference<>() {};

    /** A row as a point-in-time read needs it. */
    record Snapshot(long revision, Instant occurredAt, String actor, ObjectNode state, boolean deleted) {}

    /**
     * One event as the history recorded it, for the public feed.
     *
     * @param object  the resource after the event as a read at that revision shows it ({@link #asRead})
     * @param changes field → {@code {from, to}}
     */
    public record Recorded(String aggregateType, String ownerId, ObjectNode object, JsonNode changes) {}

    /** One page of entries, oldest first, and how many the resource has in all. */
    record Page(List<HistoryEntry> items, boolean hasMore, long total) {}

    private final JdbcClient jdbc;
    private final ProjectedTable table;
    private final ObjectMapper objectMapper;

    HistoryRows(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.table = new ProjectedTable(jdbc, "history", "aggregate_id", "revision");
        this.objectMapper = objectMapper;
    }

    /** The resource's state before {@code revision}: after the latest event below it, if any was recorded. */
    Optional<ObjectNode> stateBefore(String aggregateId, long revision) {
        if (revision <= 1) {
            return Optional.empty(); // revisions start at 1: nothing can be below the first
        }
        return table.latestBelow(ProjectedTable.row("aggregate_id", aggregateId), revision, "state")
                .map(state -> (ObjectNode) read(state));
    }

    /**
     * One event as the history records it.
     *
     * @param state the resource's fields after the event
     * @param first whether no event of the resource is recorded before it: its actor is the resource's creator
     */
    record Row(
            AggregateType aggregateType,
            String aggregateId,
            long revision,
            String ownerId,
            String type,
            Instant occurredAt,
            String actor,
            Map<String, HistoryEntry.Change> changes,
            ObjectNode state,
            boolean deleted,
            boolean first) {}

    /** Records the event, unless it is already (a redelivery): then nothing changes. */
    void insert(Row row) {
        boolean inserted = table.insert(ProjectedTable.row(
                "aggregate_id", row.aggregateId(),
                "revision", row.revision(),
                "aggregate_type", row.aggregateType().wireName(),
                "owner_id", row.ownerId(),
                "type", row.type(),
                "occurred_at", row.occurredAt(),
                "actor", row.actor(),
                "changes", new ProjectedTable.Json(json(row.changes())),
                "state", new ProjectedTable.Json(json(row.state())),
                "deleted", row.deleted()));
        InsertedRows.current().ifPresent(rows -> rows.remember(row, inserted));
    }

    /**
     * The event at {@code revision} as the current projection transaction's history holds it (the live consumer's:
     * the served table); empty if the history keeps no such event (legacy usage, ADR 0017). An event this
     * transaction has just recorded, of a resource whose first event it recorded too, is taken from what it wrote
     * rather than read back (a create's events, which come in one batch).
     */
    public Optional<Recorded> event(String aggregateId, long revision) {
        Optional<Recorded> written = InsertedRows.current()
                .flatMap(rows -> rows.find(aggregateId, revision))
                .map(inserted -> new Recorded(
                        inserted.row().aggregateType().wireName(),
                        inserted.row().ownerId(),
                        asRead(
                                inserted.row().state().deepCopy(),
                                aggregateId,
                                inserted.row().ownerId(),
                                inserted.creator().actor(),
                                inserted.creator().occurredAt(),
                                revision,
                                inserted.row().occurredAt()),
                        objectMapper.valueToTree(inserted.row().changes())));
        if (written.isPresent()) {
            return written;
        }
        return jdbc.sql("SELECT h.aggregate_type, h.owner_id, h.occurred_at, h.state, h.changes, "
                        + "first.actor AS first_actor, first.occurred_at AS created_at FROM history h "
                        + "JOIN LATERAL (SELECT actor, occurred_at FROM history f WHERE f.aggregate_id = h.aggregate_id "
                        + "ORDER BY f.revision LIMIT 1) first ON true WHERE h.aggregate_id = ? AND h.revision = ?")
                .params(aggregateId, revision)
                .query((row, n) -> new Recorded(
                        row.getString("aggregate_type"),
                        row.getString("owner_id"),
                        asRead(
                                (ObjectNode) read(row.getString("state")),
                                aggregateId,
                                row.getString("owner_id"),
                                row.getString("first_actor"),
                                row.getTimestamp("created_at").toInstant(),
                                revision,
                                row.getTimestamp("occurred_at").toInstant()),
                        read(row.getString("changes"))))
                .optional();
    }

    /**
     * A recorded state completed with what every read of the resource shows beside its configured fields: its id,
     * organization, creator, revision and times.
     *
     * @param creator the first event's actor; the organization when it recorded none
     */
    static ObjectNode asRead(
            ObjectNode state,
            String id,
            String ownerId,
            String creator,
            Instant createdAt,
            long revision,
            Instant updatedAt) {
        state.put("id", id);
        state.put("organization_id", ownerId);
        state.put("created_by", creator == null ? ownerId : creator);
        state.put("revision", revision);
        state.put("created_at", createdAt.toString());
        state.put("updated_at", updatedAt.toString());
        return state;
    }

    /** Whether the owner has a resource of this type with this id, deleted or not. */
    boolean exists(AggregateType aggregateType, String ownerId, String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM query.history WHERE aggregate_id = ? AND revision = 1 "
                                + "AND aggregate_type = ? AND owner_id = ?")
                        .params(aggregateId, aggregateType.wireName(), ownerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Oldest first; {@code afterRevision} is the revision of the last entry of the previous page. */
    Page page(AggregateType aggregateType, String ownerId, String aggregateId, long afterRevision, int limit) {
        List<HistoryEntry> found = jdbc.sql("SELECT type, revision, occurred_at, actor, changes FROM query.history "
                        + "WHERE aggregate_id = ? AND aggregate_type = ? AND owner_id = ? AND revision > ? "
                        + "ORDER BY revision LIMIT ?")
                .params(aggregateId, aggregateType.wireName(), ownerId, afterRevision, limit + 1)
                .query(this::entry)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM query.history WHERE aggregate_id = ? AND aggregate_type = ? "
                        + "AND owner_id = ?")
                .params(aggregateId, aggregateType.wireName(), ownerId)
                .query(Long.class)
                .single();
        boolean hasMore = found.size() > limit;
        return new Page(hasMore ? found.subList(0, limit) : found, hasMore, total);
    }

    Optional<Snapshot> atRevision(AggregateType aggregateType, String ownerId, String aggregateId, long revision) {
        return jdbc.sql("SELECT revision, occurred_at, actor, state, deleted FROM query.history WHERE aggregate_id = ? "
                        + "AND aggregate_type = ? AND owner_id = ? AND revision = ?")
                .params(aggregateId, aggregateType.wireName(), ownerId, revision)
                .query(this::snapshot)
                .optional();
    }

    /** After the last event at or before {@code at}; empty if the resource did not exist yet. */
    Optional<Snapshot> asOf(AggregateType aggregateType, String ownerId, String aggregateId, Instant at) {
        return jdbc.sql("SELECT revision, occurred_at, actor, state, deleted FROM query.history WHERE aggregate_id = ? "
                        + "AND aggregate_type = ? AND owner_id = ? AND occurred_at <= ? "
                        + "ORDER BY revision DESC LIMIT 1")
                .params(aggregateId, aggregateType.wireName(), ownerId, Timestamp.from(at))
                .query(this::snapshot)
                .optional();
    }

    /** The first and the latest event's revision and time: when it was created, and how far it got. */
    Snapshot first(String aggregateId) {
        return jdbc.sql("SELECT revision, occurred_at, actor, state, deleted FROM query.history WHERE aggregate_id = ? "
                        + "ORDER BY revision LIMIT 1")
                .param(aggregateId)
                .query(this::snapshot)
                .single();
    }

    long latestRevision(String aggregateId) {
        return jdbc.sql("SELECT max(revision) FROM query.history WHERE aggregate_id = ?")
                .param(aggregateId)
                .query(Long.class)
                .single();
    }

    private HistoryEntry entry(ResultSet row, int rowNumber) throws SQLException {
        try {
            return new HistoryEntry(
                    row.getString("type"),
                    row.getLong("revision"),
                    row.getTimestamp("occurred_at").toInstant(),
                    ActorView.recorded(row.getString("actor")),
                    objectMapper.readValue(row.getString("changes"), CHANGES));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Snapshot snapshot(ResultSet row, int rowNumber) throws SQLException {
        return new Snapshot(
                row.getLong("revision"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor"),
                (ObjectNode) read(row.getString("state")),
                row.getBoolean("deleted"));
    }

    private JsonNode read(String json) {
        try {
            return objectMapper.readTree(json);
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
