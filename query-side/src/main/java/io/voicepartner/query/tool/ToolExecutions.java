package io.voicepartner.query.tool;

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
    private final ProjectedTable executions;
    private final ProjectedTable usage;

    ToolExecutions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.executions = new ProjectedTable(jdbc, "tool_executions", "tool_id", "execution_id");
        this.usage = new ProjectedTable(jdbc, "tool_usage", "tool_id");
    }

    /**
     * Keeps the execution and counts it on its tool: the counters move only if the execution was new, so a
     * redelivered one (its reporter's id already there) changes nothing, and concurrent writers each add their own.
     * {@code last_used} only moves forward: reports arrive out of their order. In the projection's transaction, on
     * its tables (or a rebuild's fold of them, ADR 0044).
     */
    void record(Execution e) {
        boolean inserted = executions.insert(ProjectedTable.row(
                "tool_id", e.toolId(),
                "execution_id", e.executionId(),
                "id", e.eventId(),
                "owner_id", e.ownerId(),
                "assistant_id", e.assistantId(),
                "duration_ms", e.durationMs(),
                "success", e.success(),
                "status_code", e.statusCode(),
                "test_call", e.testCall(),
                "occurred_at", e.occurredAt(),
                "received_at", e.receivedAt()));
        if (inserted) {
            usage.accumulate(
                    ProjectedTable.row(
                            "tool_id", e.toolId(),
                            "total_calls", 1L,
                            "total_duration_ms", e.durationMs(),
                            "last_used", e.occurredAt()),
                    Map.of(
                            "total_calls", Merge.SUM,
                            "total_duration_ms", Merge.SUM,
                            "last_used", Merge.GREATEST));
        }
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
