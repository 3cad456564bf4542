package io.voicepartner.query.audit;

import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.web.UsageQuery;
import io.voicepartner.support.personal.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code query.audit_log}. Rows are only ever inserted; the primary key makes a redelivery a no-op. */
@Repository
class AuditRows {

    /** Filters of the list route; {@code null} means "any". */
    record Filter(
            String actorId, ResourceType resourceType, String resourceId, String action, Instant from, Instant to) {}

    private static final String COLUMNS = "id, occurred_at, actor_type, actor_id, action, resource_type, resource_id, "
            + "request_id, client_address";

    private final JdbcClient jdbc;
    private final ProjectedTable table;
    private final PersonalData personalData;

    AuditRows(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.table = new ProjectedTable(jdbc, "audit_log", "organization_id", "id");
        this.personalData = personalData;
    }

    /** In the projection's transaction, on its tables. */
    void insert(String organizationId, AuditEntry entry) {
        table.insert(ProjectedTable.row(
                "organization_id", organizationId,
                "id", entry.id(),
                "occurred_at", entry.occurredAt(),
                "actor_type", entry.actor().type().wireName(),
                "actor_id", entry.actor().id(),
                "action", entry.action(),
                "resource_type", entry.resource().type().wireName(),
                "resource_id", entry.resource().id(),
                "request_id", entry.requestId(),
                "client_address", entry.clientAddress()));
    }

    /** The organization's entries, newest first; their actors as recorded, not yet completed. */
    UsageQuery.Page<AuditEntry> list(String organizationId, Filter filter, UsageQuery.Position after, int limit) {
        return UsageQuery.ofOrganization("query.audit_log", organizationId)
                .between(filter.from(), filter.to())
                .equal("actor_id", filter.actorId())
                .equal(
                        "resource_type",
                        filter.resourceType() == null
                                ? null
                                : filter.resourceType().wireName())
                .equal("resource_id", filter.resourceId())
                .equal("action", filter.action())
                .fetch(
                        jdbc,
                        COLUMNS,
                        after,
                        limit,
                        this::entry,
                        entry -> new UsageQuery.Position(entry.occurredAt(), entry.id()),
                        () -> jdbc.sql("SELECT count(*) FROM query.audit_log WHERE organization_id = ?")
                                .param(organizationId)
                                .query(Long.class)
                                .single());
    }

    /** A sign-in's client address is sealed with its user's key (ADR 0034): opened here, left out once erased. */
    private AuditEntry entry(ResultSet row, int n) throws SQLException {
        return new AuditEntry(
                row.getString("id"),
                row.getTimestamp("occurred_at").toInstant(),
                ActorView.stored(row.getString("actor_type"), row.getString("actor_id")),
                row.getString("action"),
                new AuditEntry.AuditedResource(
                        ResourceType.fromWireName(row.getString("resource_type"))
                                .orElseThrow(),
                        row.getString("resource_id")),
                row.getString("request_id"),
                personalData.open(row.getString("client_address")).orElse(null));
    }
}
