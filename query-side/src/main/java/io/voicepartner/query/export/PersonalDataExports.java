package io.voicepartner.query.export;

import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a person's export from every read model that names them: the one place that knows them all, so that a read
 * model that starts to hold something about people is added here (PRIVACY.md lists them).
 */
@Repository
class PersonalDataExports {

    /** The read models whose rows record who created them, by the name the export gives the kind. */
    private static final Map<String, String> CREATED = new LinkedHashMap<>();

    static {
        CREATED.put("organizations", "query.organizations");
        CREATED.put("assistants", "query.assistants");
        CREATED.put("tools", "query.tools");
        CREATED.put("files", "query.files");
        CREATED.put("phone_numbers", "query.phone_numbers");
        CREATED.put("api_keys", "query.api_keys");
    }

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final InvitationAddresses invitationAddresses;

    PersonalDataExports(JdbcClient jdbc, PersonalData personalData, InvitationAddresses invitationAddresses) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.invitationAddresses = invitationAddresses;
    }

    /** The person's export; empty if the read side does not know them (yet). */
    Optional<PersonalDataExport> of(String userId) {
        return account(userId)
                .map(account -> new PersonalDataExport(
                        account,
                        organizations(userId),
                        signIns(userId),
                        account.email() == null ? List.of() : invitations(account.email()),
                        created(userId),
                        Instant.now()));
    }

    private Optional<PersonalDataExport.ExportedAccount> account(String userId) {
        return jdbc.sql("SELECT id, email, name, created_at, updated_at FROM query.users WHERE id = ?")
                .param(userId)
                .query((row, n) -> new PersonalDataExport.ExportedAccount(
                        row.getString("id"),
                        personalData.open(row.getString("email")).orElse(null),
                        personalData.open(row.getString("name")).orElse(null),
                        instant(row, "created_at"),
                        instant(row, "updated_at")))
                .optional();
    }

    private List<PersonalDataExport.ExportedMembership> organizations(String userId) {
        return jdbc.sql("SELECT m.organization_id, o.name, o.personal, m.role, m.joined_at, m.left_at "
                        + "FROM query.organization_members m JOIN query.organizations o ON o.id = m.organization_id "
                        + "WHERE m.user_id = ? ORDER BY m.joined_at, m.organization_id")
                .param(userId)
                .query((row, n) -> new PersonalDataExport.ExportedMembership(
                        row.getString("organization_id"),
                        personalData.open(row.getString("name")).orElse(null),
                        row.getBoolean("personal"),
                        row.getString("role"),
                        instant(row, "joined_at"),
                        instant(row, "left_at")))
                .list();
    }

    /** A sign-in is one entry in each organization the person belonged to then: each is exported once. */
    private List<PersonalDataExport.ExportedSignIn> signIns(String userId) {
        return jdbc.sql("SELECT DISTINCT ON (occurred_at, id) id, occurred_at, action, client_address, request_id "
                        + "FROM query.audit_log WHERE resource_type = 'user' AND resource_id = ? "
                        + "AND action IN ('SignInSucceeded', 'SignInFailed') ORDER BY occurred_at, id")
                .param(userId)
                .query((row, n) -> new PersonalDataExport.ExportedSignIn(
                        row.getString("id"),
                        instant(row, "occurred_at"),
                        row.getString("action"),
                        personalData.open(row.getString("client_address")).orElse(null),
                        row.getString("request_id")))
                .list();
    }

    private List<PersonalDataExport.ExportedInvitation> invitations(String email) {
        return jdbc.sql("SELECT id, organization_id, role, status, expires_at, created_at "
                        + "FROM query.organization_invitations WHERE email = ? OR id = ANY(?) ORDER BY created_at, id")
                // sealed ones by the invitations recorded under the address; those sent before sealing by the address
                .params(email, invitationAddresses.invitationsTo(email).toArray(String[]::new))
                .query((row, n) -> new PersonalDataExport.ExportedInvitation(
                        row.getString("id"),
                        row.getString("organization_id"),
                        row.getString("role"),
                        row.getString("status"),
                        instant(row, "expires_at"),
                        instant(row, "created_at")))
                .list();
    }

    private Map<String, List<String>> created(String userId) {
        Map<String, List<String>> created = new LinkedHashMap<>();
        CREATED.forEach((kind, table) -> created.put(
                kind,
                jdbc.sql("SELECT id FROM " + table + " WHERE created_by = ? ORDER BY id")
                        .param(userId)
                        .query(String.class)
                        .list()));
        return created;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
