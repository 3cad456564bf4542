package io.voicepartner.query.organization;

import io.voicepartner.api.organization.Role;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.personal.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.organizations} table. Every event of an organization moves its row's revision, also the ones
 * that change only its members or invitations: the row's revision guards them all. A reader sees an organization
 * only as one of its members, with their role.
 */
@Repository
class OrganizationRows {

    private static final String SELECT =
            "SELECT o.id, o.name, o.personal, m.role, o.created_at, o.created_by, " + "o.revision";
    /** An organization with the caller's membership of it (parameter {@code user_id}), live ones only. */
    private static final String AS_MEMBER = "query.organizations o JOIN query.organization_members m "
            + "ON m.organization_id = o.id AND m.user_id = :user_id AND m.left_at IS NULL";

    /** What a personal organization is called once its user is erased. */
    static final String ERASED = "Erased user's organization";

    private final JdbcClient jdbc;
    private final RevisionedTable table;
    private final PersonalData personalData;

    OrganizationRows(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.table = new RevisionedTable(jdbc, "organizations");
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(String id, String name, boolean personal, String createdBy, long revision, Instant at) {
        return jdbc.sql("INSERT INTO organizations (id, revision, name, personal, created_by, created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                        .params(id, revision, name, personal, createdBy, Timestamp.from(at), Timestamp.from(at))
                        .update()
                == 1;
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean rename(String id, String name, long revision, Instant at) {
        return jdbc.sql("UPDATE organizations SET name = :name, revision = :revision, updated_at = :at "
                                + "WHERE id = :id AND revision < :revision")
                        .param("id", id)
                        .param("name", name)
                        .param("revision", revision)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** For an event that changes what hangs off the organization. @return false if already applied (or missing) */
    boolean advance(String id, long revision, Instant at) {
        return table.advance(id, revision, at);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markDeleted(String id, long revision, Instant at) {
        return table.markDeleted(id, revision, at);
    }

    /** The revision the read model holds for an organization, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The revision the tables of the current projection transaction hold for it; empty if they have none. */
    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    /**
     * The revision an organization is at, for a user who is or was a member of it (deleted ones included), else 0:
     * what a read-your-writes wait of theirs may look at. A stranger's wait tells nothing about the organization
     * (issue 17), and a member who has just left, or closed it, learns at once that it is gone.
     */
    long revisionSeenBy(String id, String userId) {
        return jdbc.sql("SELECT o.revision FROM query.organizations o JOIN query.organization_members m "
                        + "ON m.organization_id = o.id AND m.user_id = ? WHERE o.id = ?")
                .params(userId, id)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The organization as the user sees it; empty if it is closed or they are no member of it. */
    Optional<OrganizationView> find(String id, String userId) {
        return jdbc.sql(SELECT + " FROM " + AS_MEMBER + " WHERE o.id = :id AND o.deleted_at IS NULL")
                .param("user_id", userId)
                .param("id", id)
                .query(this::view)
                .optional();
    }

    /** The organization as an API key of its own sees it: with no role; empty if it is closed. */
    Optional<OrganizationView> findForItsKey(String id) {
        return jdbc.sql("SELECT o.id, o.name, o.personal, NULL AS role, o.created_at, o.created_by, o.revision "
                        + "FROM query.organizations o WHERE o.id = ? AND o.deleted_at IS NULL")
                .param(id)
                .query(this::view)
                .optional();
    }

    /** The live organizations the user belongs to, newest first; {@code after} is the id the last page ended with. */
    ListQuery.Page<OrganizationView> listOf(String userId, String after, int limit) {
        return ListQuery.where("o", "id", "o.deleted_at IS NULL", Map.of("user_id", userId))
                .fetch(jdbc, SELECT, AS_MEMBER, after, limit, this::view);
    }

    /**
     * The name of a personal organization is made of its user's name or e-mail address, and sealed with their key
     * (ADR 0034): opened here; once they are erased, it reads as {@value #ERASED}.
     */
    private OrganizationView view(ResultSet row, int rowNumber) throws SQLException {
        return new OrganizationView(
                row.getString("id"),
                personalData.open(row.getString("name")).orElse(ERASED),
                row.getBoolean("personal"),
                row.getString("role") == null ? null : Role.fromWireName(row.getString("role")),
                row.getTimestamp("created_at").toInstant(),
                row.getString("created_by"),
                row.getLong("revision"));
    }
}
