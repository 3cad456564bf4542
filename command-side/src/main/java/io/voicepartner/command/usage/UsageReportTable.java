package io.voicepartner.command.usage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The table of {@code V8__usage_reports.sql}. */
@Repository
class UsageReportTable implements UsageReports {

    private final JdbcClient jdbc;

    UsageReportTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> alreadyRecorded(String aggregateId, Collection<String> reportIds) {
        if (reportIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT report_id FROM command.usage_reports "
                        + "WHERE aggregate_id = :aggregate AND report_id IN (:ids)")
                .param("aggregate", aggregateId).param("ids", reportIds)
                .query(String.class).list());
    }

    /**
     * A concurrent report of the same id on another instance fails this insert, and with it the whole
     * append: the reporter's retry then finds the id recorded.
     */
    void recorded(String aggregateId, String reportId) {
        jdbc.sql("INSERT INTO command.usage_reports (aggregate_id, report_id) VALUES (?, ?)")
                .params(aggregateId, reportId).update();
    }
}
