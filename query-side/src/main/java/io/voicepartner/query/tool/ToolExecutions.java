package io.voicepartner.query.tool;

import io.voicepartner.query.web.UsageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code query.tool_executions} (one row per execution, unique by the reporter's id per tool) and
 * {@code query.tool_usage} (the counters a tool is read with). Written from {@code voicepartner.usage} and from
 * the legacy {@code ToolExecuted} events alike (ADR 0017).
 */
@Repository
class ToolExecutions {

    /** One execution, from whichever event recorded it. */
    record Execution(
            String eventId,
            String toolId,
            String ownerId,
            String executionId,
            String assistantId,
            long durationMs,
            boolean success,
            Integer statusCode,
            boolean testCall,
            Instant occurredAt,
            Instant receivedAt) {}

    /** Filters of the list route; {@code null} means "any". */
    record Filter(Instant from, Instant to, Boolean success, String assistantId) {}

    private static final String COLUMNS = "id, execution_id, tool_id, assistant_id, duration_ms, success, status_code, "
            + "test_call, occurred_at, received_at";

    private final JdbcClient jdbc;

    ToolExecutions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the execution and counts it on its tool, in one statement: the counters move by what the insert
     * returned, so a redelivered execution (its reporter's id already there) changes nothing, and concurrent
     * writers each add their own. {@code last_used} only moves forward: reports arrive out of their order.
     * In the projection's transaction, on its tables.
     */
    void record(Execution e) {
        jdbc.sql("WITH inserted AS (INSERT INTO tool_executions (tool_id, execution_id, id, owner_id, assistant_id, "
                        + "duration_ms, success, status_code, test_call, occurred_at, received_at) VALUES (:tool_id, "
                        + ":execution_id, :id, :owner_id, :assistant_id, :duration_ms, :success, :status_code, "
                        + ":test_call, :occurred_at, :received_at) ON CONFLICT (tool_id, execution_id) DO NOTHING "
                        + "RETURNING tool_id, duration_ms, occurred_at) "
                        + "INSERT INTO tool_usage (tool_id, total_calls, total_duration_ms, last_used) "
                        + "SELECT tool_id, 1, duration_ms, occurred_at FROM inserted ON CONFLICT (tool_id) DO UPDATE "
                        + "SET total_calls = tool_usage.total_calls + 1, "
                        + "total_duration_ms = tool_usage.total_duration_ms + EXCLUDED.total_duration_ms, "
                        + "last_used = GREATEST(tool_usage.last_used, EXCLUDED.last_used)")
                .param("tool_id", e.toolId())
                .param("execution_id", e.executionId())
                .param("id", e.eventId())
                .param("owner_id", e.ownerId())
                .param("assistant_id", e.assistantId())
                .param("duration_ms", e.durationMs())
                .param("success", e.success())
                .param("status_code", e.statusCode())
                .param("test_call", e.testCall())
                .param("occurred_at", Timestamp.from(e.occurredAt()))
                .param("received_at", Timestamp.from(e.receivedAt()))
                .update();
    }

    /** The tool's executions, newest first; the caller has checked that the tool is the owner's. */
    UsageQuery.Page<ToolExecutionView> list(
            String ownerId, String toolId, Filter filter, UsageQuery.Position after, int limit) {
        return UsageQuery.of("query.tool_executions", "tool_id", toolId, ownerId)
                .between(filter.from(), filter.to())
                .equal("success", filter.success())
                .equal("assistant_id", filter.assistantId())
                .fetch(
                        jdbc,
                        COLUMNS,
                        after,
                        limit,
                        ToolExecutions::view,
                        view -> new UsageQuery.Position(view.occurredAt(), view.id()),
                        () -> jdbc.sql("SELECT total_calls FROM query.tool_usage WHERE tool_id = ?")
                                .param(toolId)
                                .query(Long.class)
                                .optional()
                                .orElse(0L));
    }

    private static ToolExecutionView view(ResultSet row, int n) throws SQLException {
        return new ToolExecutionView(
                row.getString("id"),
                row.getString("execution_id"),
                row.getString("tool_id"),
                row.getString("assistant_id"),
                row.getLong("duration_ms"),
                row.getBoolean("success"),
                row.getObject("status_code", Integer.class),
                row.getBoolean("test_call"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getTimestamp("received_at").toInstant());
    }
}
