package io.voicepartner.query.phonenumber;

import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.query.web.UsageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code query.phone_calls} (one row per call, unique by the reporter's id per number) and
 * {@code query.phone_number_usage} (the counters a number is read with). Written from {@code voicepartner.usage}
 * and from the legacy {@code CallRecorded} events alike (ADR 0017).
 */
@Repository
class PhoneCalls {

    /** One call, from whichever event recorded it. */
    record Call(
            String eventId,
            String phoneNumberId,
            String ownerId,
            String callId,
            String assistantId,
            long callSeconds,
            CallDirection direction,
            Instant occurredAt,
            Instant receivedAt) {}

    /** Filters of the list route; {@code null} means "any". */
    record Filter(Instant from, Instant to, String assistantId) {}

    private static final String COLUMNS =
            "id, call_id, phone_number_id, assistant_id, call_seconds, direction, " + "occurred_at, received_at";

    private final JdbcClient jdbc;

    PhoneCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the call and counts it on its number, in one statement: the counters move by what the insert
     * returned, so a redelivered call changes nothing, and concurrent writers each add their own.
     * {@code last_used} only moves forward. In the projection's transaction, on its tables.
     */
    void record(Call c) {
        jdbc.sql("WITH inserted AS (INSERT INTO phone_calls (phone_number_id, call_id, id, owner_id, assistant_id, "
                        + "call_seconds, direction, occurred_at, received_at) VALUES (:phone_number_id, :call_id, :id, "
                        + ":owner_id, :assistant_id, :call_seconds, :direction, :occurred_at, :received_at) "
                        + "ON CONFLICT (phone_number_id, call_id) DO NOTHING "
                        + "RETURNING phone_number_id, call_seconds, occurred_at) "
                        + "INSERT INTO phone_number_usage (phone_number_id, calls, seconds, last_used) "
                        + "SELECT phone_number_id, 1, call_seconds, occurred_at FROM inserted "
                        + "ON CONFLICT (phone_number_id) DO UPDATE SET calls = phone_number_usage.calls + 1, "
                        + "seconds = phone_number_usage.seconds + EXCLUDED.seconds, "
                        + "last_used = GREATEST(phone_number_usage.last_used, EXCLUDED.last_used)")
                .param("phone_number_id", c.phoneNumberId())
                .param("call_id", c.callId())
                .param("id", c.eventId())
                .param("owner_id", c.ownerId())
                .param("assistant_id", c.assistantId())
                .param("call_seconds", c.callSeconds())
                .param("direction", c.direction().wireName())
                .param("occurred_at", Timestamp.from(c.occurredAt()))
                .param("received_at", Timestamp.from(c.receivedAt()))
                .update();
    }

    /** The number's calls, newest first; the caller has checked that the number is the owner's. */
    UsageQuery.Page<PhoneCallView> list(
            String ownerId, String phoneNumberId, Filter filter, UsageQuery.Position after, int limit) {
        return UsageQuery.of("query.phone_calls", "phone_number_id", phoneNumberId, ownerId)
                .between(filter.from(), filter.to())
                .equal("assistant_id", filter.assistantId())
                .fetch(
                        jdbc,
                        COLUMNS,
                        after,
                        limit,
                        PhoneCalls::view,
                        view -> new UsageQuery.Position(view.occurredAt(), view.id()),
                        () -> jdbc.sql("SELECT calls FROM query.phone_number_usage WHERE phone_number_id = ?")
                                .param(phoneNumberId)
                                .query(Long.class)
                                .optional()
                                .orElse(0L));
    }

    private static PhoneCallView view(ResultSet row, int n) throws SQLException {
        return new PhoneCallView(
                row.getString("id"),
                row.getString("call_id"),
                row.getString("phone_number_id"),
                row.getString("assistant_id"),
                row.getLong("call_seconds"),
                CallDirection.fromWireName(row.getString("direction")),
                row.getTimestamp("occurred_at").toInstant(),
                row.getTimestamp("received_at").toInstant());
    }
}
