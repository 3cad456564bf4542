package io.voicepartner.query.phonenumber;

import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.ProjectedTable.Merge;
import io.voicepartner.query.web.UsageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
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
    private final ProjectedTable calls;
    private final ProjectedTable usage;

    PhoneCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.calls = new ProjectedTable(jdbc, "phone_calls", "phone_number_id", "call_id");
        this.usage = new ProjectedTable(jdbc, "phone_number_usage", "phone_number_id");
    }

    /**
     * Keeps the call and counts it on its number: the counters move only if the call was new, so a redelivered call
     * changes nothing, and concurrent writers each add their own. {@code last_used} only moves forward. In the
     * projection's transaction, on its tables (or a rebuild's fold of them, ADR 0044).
     */
    void record(Call c) {
        boolean inserted = calls.insert(ProjectedTable.row(
                "phone_number_id", c.phoneNumberId(),
                "call_id", c.callId(),
                "id", c.eventId(),
                "owner_id", c.ownerId(),
                "assistant_id", c.assistantId(),
                "call_seconds", c.callSeconds(),
                "direction", c.direction().wireName(),
                "occurred_at", c.occurredAt(),
                "received_at", c.receivedAt()));
        if (inserted) {
            usage.accumulate(
                    ProjectedTable.row(
                            "phone_number_id", c.phoneNumberId(),
                            "calls", 1L,
                            "seconds", c.callSeconds(),
                            "last_used", c.occurredAt()),
                    Map.of("calls", Merge.SUM, "seconds", Merge.SUM, "last_used", Merge.GREATEST));
        }
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
