package io.voicepartner.query.organization;

import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.Role;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.personal.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code query.organization_invitations}, written in the projection transaction that moved their organization's
 * row to the event's revision (which guards them). Whether a pending invitation has expired is read, not stored:
 * nothing happens when it does.
 */
@Repository
class OrganizationInvitations {

    private static final String SELECT = "SELECT i.id, i.organization_id, i.email, i.role, "
            + "CASE WHEN i.status = 'pending' AND i.expires_at <= now() THEN 'expired' ELSE i.status END AS status, "
            + "i.expires_at, i.created_by, i.created_at";

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    OrganizationInvitations(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    void insert(InvitationCreated invitation, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO organization_invitations (id, organization_id, email, role, status, expires_at, "
                        + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (id) DO NOTHING")
                .params(
                        invitation.invitationId(),
                        invitation.organizationId(),
                        invitation.email(),
                        invitation.role().wireName(),
                        InvitationStatus.PENDING.wireName(),
                        Timestamp.from(invitation.expiresAt()),
                        createdBy,
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
    }

    /** A pending invitation is accepted or revoked; one that is not pending any more stays as it is. */
    void close(String organizationId, String invitationId, InvitationStatus status, Instant at) {
        jdbc.sql("UPDATE organization_invitations SET status = ?, updated_at = ? "
                        + "WHERE id = ? AND organization_id = ? AND status = ?")
                .params(
                        status.wireName(),
                        Timestamp.from(at),
                        invitationId,
                        organizationId,
                        InvitationStatus.PENDING.wireName())
                .update();
    }

    /** The organization's invitations, newest first; {@code after} is the id the last page ended with. */
    ListQuery.Page<InvitationView> list(String organizationId, String after, int limit) {
        return ListQuery.where(
                        "i", "id", "i.organization_id = :organization_id", Map.of("organization_id", organizationId))
                .fetch(jdbc, SELECT, "query.organization_invitations i", after, limit, this::view);
    }

    /** The address sealed with the invitation's key (ADR 0034) opens to nothing once its invitee was erased. */
    private InvitationView view(ResultSet row, int rowNumber) throws SQLException {
        return new InvitationView(
                row.getString("id"),
                row.getString("organization_id"),
                personalData.open(row.getString("email")).orElse(null),
                Role.fromWireName(row.getString("role")),
                InvitationStatus.fromWireName(row.getString("status")),
                row.getTimestamp("expires_at").toInstant(),
                row.getString("created_by"),
                row.getTimestamp("created_at").toInstant());
    }
}
