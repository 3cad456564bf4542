package io.voicepartner.query.organization;

import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.organization.Role;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.security.MembershipTable;
import io.voicepartner.support.security.Memberships;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code query.organization_members}: who belongs to which organization, which the query side's routes are admitted
 * by ({@link Memberships}; in the all-in-one the command side's lookup answers instead, as the primary one), and the
 * member lists, with each user's e-mail and name from {@code query.users}.
 */
@Repository
class OrganizationMembers implements Memberships {

    private static final String SELECT = "SELECT m.user_id, u.email, u.name, m.role, m.joined_at";
    private static final String FROM = "query.organization_members m LEFT JOIN query.users u ON u.id = m.user_id";

    private final JdbcClient jdbc;
    private final MembershipTable table;
    private final PersonalData personalData;

    OrganizationMembers(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        // written as the projection's transaction chooses the schema: the served tables, or a rebuild's
        this.table = new MembershipTable(jdbc, "query.organization_members", "organization_members");
    }

    /** Inside the projection transaction that has moved the organization's row to the event's revision. */
    void apply(OrganizationEvent event, Instant at) {
        table.apply(event, at);
    }

    @Override
    public Optional<Role> roleOf(String organizationId, String userId) {
        return table.roleOf(organizationId, userId);
    }

    /** The organization's members, the newest users first; {@code after} is the user id the last page ended with. */
    ListQuery.Page<MemberView> list(String organizationId, String after, int limit) {
        return ListQuery.where(
                        "m",
                        "user_id",
                        "m.organization_id = :organization_id AND m.left_at IS NULL",
                        Map.of("organization_id", organizationId))
                .fetch(jdbc, SELECT, FROM, after, limit, this::view);
    }

    /** A member with their e-mail address and name opened (ADR 0034); an erased member's are null. */
    private MemberView view(ResultSet row, int rowNumber) throws SQLException {
        return new MemberView(
                row.getString("user_id"),
                personalData.open(row.getString("email")).orElse(null),
                personalData.open(row.getString("name")).orElse(null),
                Role.fromWireName(row.getString("role")),
                row.getTimestamp("joined_at").toInstant());
    }
}
