package io.voicepartner.command.publishing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table of {@code V12__parked_events.sql}: the events the publisher set aside, in their aggregate's order.
 * Written in the transaction of the publisher's batch (together with its token), so that a batch that rolls
 * back parks nothing.
 */
@Repository
class ParkedEvents {

    /** One parked event. {@code waitingBehind} is the failed event it waits for, {@code null} if it failed itself. */
    record ParkedEvent(
            long globalIndex,
            String aggregateId,
            String eventType,
            String cause,
            Long waitingBehind,
            Instant parkedAt,
            Instant replayRequestedAt) {}

    private final JdbcClient jdbc;

    ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every aggregate that has parked events, with the first of them: the publisher parks what comes after it. */
    Map<String, Long> firstParkedByAggregate() {
        return jdbc
                .sql("SELECT aggregate_id, min(global_index) AS first FROM command.parked_events GROUP BY aggregate_id")
                .query((rs, n) -> Map.entry(rs.getString("aggregate_id"), rs.getLong("first")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void parkFailed(long globalIndex, String aggregateId, String eventType, String cause) {
        park(globalIndex, aggregateId, eventType, cause, null);
    }

    void parkBehind(long globalIndex, String aggregateId, String eventType, long failed) {
        park(
                globalIndex,
                aggregateId,
                eventType,
                "waiting behind the parked event at global position " + failed
                        + " of the same aggregate, to keep the aggregate's order",
                failed);
    }

    private void park(long globalIndex, String aggregateId, String eventType, String cause, Long waitingBehind) {
        jdbc.sql("INSERT INTO command.parked_events (global_index, aggregate_id, event_type, cause, waiting_behind) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (global_index) DO NOTHING")
                .params(globalIndex, aggregateId, eventType, cause, waitingBehind)
                .update();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM command.parked_events")
                .query(Long.class)
                .single();
    }

    Optional<Instant> oldest() {
        return jdbc.sql("SELECT min(parked_at) FROM command.parked_events")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    /**
     * The aggregates whose parked events should be sent now: those an operator asked to replay, and those whose
     * first parked event only waits (the failed event ahead of it has been sent meanwhile).
     */
    List<String> aggregatesDue() {
        return jdbc.sql("SELECT p.aggregate_id FROM command.parked_events p GROUP BY p.aggregate_id "
                        + "HAVING bool_or(p.replay_requested_at IS NOT NULL) "
                        + "OR (array_agg(p.waiting_behind ORDER BY p.global_index))[1] IS NOT NULL")
                .query(String.class)
                .list();
    }

    /**
     * An aggregate's parked events in order, locked for the caller's transaction; empty if another replay holds
     * the aggregate (on this or another command-side node).
     */
    List<ParkedEvent> lockForReplay(String aggregateId) {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('parked_events'), hashtext(?))")
                .param(aggregateId)
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM command.parked_events WHERE aggregate_id = ? ORDER BY global_index FOR UPDATE")
                .param(aggregateId)
                .query(ParkedEvents::row)
                .list();
    }

    List<ParkedEvent> all() {
        return jdbc.sql("SELECT * FROM command.parked_events ORDER BY global_index")
                .query(ParkedEvents::row)
                .list();
    }

    void sent(long globalIndex) {
        jdbc.sql("DELETE FROM command.parked_events WHERE global_index = ?")
                .param(globalIndex)
                .update();
    }

    /** The replay failed again: the event now waits for the next fix, with the new cause. */
    void failedAgain(long globalIndex, String cause) {
        jdbc.sql("UPDATE command.parked_events SET cause = ?, waiting_behind = NULL, replay_requested_at = NULL "
                        + "WHERE global_index = ?")
                .params(cause, globalIndex)
                .update();
    }

    private static ParkedEvent row(ResultSet rs, int n) throws SQLException {
        Timestamp requested = rs.getTimestamp("replay_requested_at");
        return new ParkedEvent(
                rs.getLong("global_index"),
                rs.getString("aggregate_id"),
                rs.getString("event_type"),
                rs.getString("cause"),
                rs.getObject("waiting_behind", Long.class),
                rs.getTimestamp("parked_at").toInstant(),
                requested == null ? null : requested.toInstant());
    }
}
