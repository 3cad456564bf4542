package io.voicepartner.analytics.figures;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures, computed from the facts when asked, per owner and over a range of days. Latency percentiles
 * are exact: PostgreSQL's {@code percentile_disc} over the stored durations (nearest rank, always a duration
 * that was reported), which the owner-and-day index keeps cheap for the volumes of one owner's range.
 */
@Repository
class Figures {

    record AssistantsPerDay(LocalDate day, long created) {}

    record ToolExecutionsPerAssistant(
            String assistantId, long executions, long errors, double errorRate, long p50Ms, long p95Ms, long p99Ms) {}

    record UploadsPerDay(LocalDate day, long uploads, long bytes) {}

    record PhoneNumberUsage(String phoneNumberId, long calls, long seconds, double minutes) {}

    private final JdbcClient jdbc;

    Figures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AssistantsPerDay> assistantsCreated(String ownerId, DateRange range) {
        return jdbc.sql("SELECT day, count(*) AS created FROM analytics.assistants_created "
                        + "WHERE owner_id = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day")
                .params(ownerId, range.from(), range.to())
                .query(AssistantsPerDay.class)
                .list();
    }

    List<ToolExecutionsPerAssistant> toolExecutions(String ownerId, DateRange range) {
        return jdbc.sql("SELECT assistant_id, count(*) AS executions, count(*) FILTER (WHERE NOT success) AS errors, "
                        + "(count(*) FILTER (WHERE NOT success))::float8 / count(*) AS error_rate, "
                        + "percentile_disc(0.50) WITHIN GROUP (ORDER BY duration_ms) AS p50_ms, "
                        + "percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_ms, "
                        + "percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99_ms "
                        + "FROM analytics.tool_executions WHERE owner_id = ? AND day BETWEEN ? AND ? "
                        + "GROUP BY assistant_id ORDER BY assistant_id")
                .params(ownerId, range.from(), range.to())
                .query(ToolExecutionsPerAssistant.class)
                .list();
    }

    List<UploadsPerDay> fileUploads(String ownerId, DateRange range) {
        return jdbc.sql("SELECT day, count(*) AS uploads, sum(bytes) AS bytes FROM analytics.file_uploads "
                        + "WHERE owner_id = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day")
                .params(ownerId, range.from(), range.to())
                .query(UploadsPerDay.class)
                .list();
    }

    List<PhoneNumberUsage> phoneNumberUsage(String ownerId, DateRange range) {
        return jdbc.sql(
                        "SELECT phone_number_id, count(*) AS calls, sum(seconds) AS seconds, "
                                + "round(sum(seconds) / 60.0, 2)::float8 AS minutes FROM analytics.calls "
                                + "WHERE owner_id = ? AND day BETWEEN ? AND ? GROUP BY phone_number_id ORDER BY phone_number_id")
                .params(ownerId, range.from(), range.to())
                .query(PhoneNumberUsage.class)
                .list();
    }
}
