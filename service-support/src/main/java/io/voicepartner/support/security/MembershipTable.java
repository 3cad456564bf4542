package io.voicepartner.support.security;

import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.organization.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who belongs to which organization, as a read side keeps it from {@code voicepartner.organizations} in a table of
 * its own schema: one row per user who ever joined an organization, with their role, when they joined (the event's
 * time) and when they left (removed, or the organization closed). The query side and analytics both keep one, to
 * answer {@link Memberships} for their own routes. A row outlives its membership so that a read can tell a former
 * member (who may learn the organization is gone) from a stranger (for whom it never existed).
 *
 * <p>It does not check revisions: the caller applies each event once and in its organization's order, guarded by
 * the revision it keeps for the organization.
 */
public final class MembershipTable {

    private final JdbcClient jdbc;
    private final String writtenTable;
    private final String roleQuery;

    /**
     * @param readTable    the table with its schema, as reads name it: {@code query.organization_members}
     * @param writtenTable the table as the writes name it: without a schema where the projection's transaction
     *                     chooses it (the query side's rebuilds), else the same as {@code readTable}
     */
    public MembershipTable(JdbcClient jdbc, String readTable, String writtenTable) {
        this.jdbc = jdbc;
        this.writtenTable = writtenTable;
        this.roleQuery = roleQuery(readTable);
    }

    /**
     * The query of the role of {@code :user} in {@code :organization}, no row if they are no member of it (any more)
     * or it is closed: for the side's {@link TokenRevocationTable}, which reads it with a token's revocation.
     *
     * @param readTable as for the constructor
     */
    public static String roleQuery(String readTable) {
        return "SELECT role FROM " + readTable + " WHERE organization_id = :organization AND user_id = :user "
                + "AND left_at IS NULL";
    }

    /** Applies what the event changes about who belongs; a rename or an invitation changes nobody's membership. */
    public void apply(OrganizationEvent event, Instant at) {
        if (event instanceof OrganizationCreated created) {
            join(created.organizationId(), created.ownerUserId(), Role.OWNER, at);
        } else if (event instanceof MemberAdded added) {
            join(added.organizationId(), added.userId(), added.role(), at);
        } else if (event instanceof MemberRoleChanged changed) {
            jdbc.sql("UPDATE " + writtenTable + " SET role = ? WHERE organization_id = ? AND user_id = ? "
                            + "AND left_at IS NULL")
                    .params(changed.role().wireName(), changed.organizationId(), changed.userId())
                    .update();
        } else if (event instanceof MemberRemoved removed) {
            jdbc.sql("UPDATE " + writtenTable + " SET left_at = ? WHERE organization_id = ? AND user_id = ? "
                            + "AND left_at IS NULL")
                    .params(Timestamp.from(at), removed.organizationId(), removed.userId())
                    .update();
        } else if (event instanceof OrganizationDeleted deleted) {
            jdbc.sql("UPDATE " + writtenTable + " SET left_at = ? WHERE organization_id = ? AND left_at IS NULL")
                    .params(Timestamp.from(at), deleted.organizationId())
                    .update();
        }
    }

    /** Joining again after leaving starts a new membership: the role and the time are the new ones. */
    private void join(String organizationId, String userId, Role role, Instant at) {
        jdbc.sql("INSERT INTO " + writtenTable + " (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role, "
                        + "joined_at = excluded.joined_at, left_at = NULL")
                .params(organizationId, userId, role.wireName(), Timestamp.from(at))
                .update();
    }

    /** The user's role in the organization; empty if they are no member of it (any more), or it is closed. */
    public Optional<Role> roleOf(String organizationId, String userId) {
        return jdbc.sql(roleQuery)
                .param("organization", organizationId)
                .param("user", userId)
                .query(String.class)
                .optional()
                .map(Role::fromWireName);
    }
}
