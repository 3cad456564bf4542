package io.voicepartner.query.organization;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.api.organization.Role;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.ReadModelDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.voicepartner.query.consuming.Envelopes.by;
import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@code query.organizations} with its members and invitations: every event of an organization is
 * guarded by the organization's revision, also the ones that change only who belongs, so that a redelivered or
 * stale event never brings a removed member back; members join at the event's time.
 */
class OrganizationProjectorTest {

    private static final String FOUNDER = "user-founder";
    private static final String JOINER = "user-joiner";

    private static ReadModelDatabase database;
    private static OrganizationProjector projector;
    private static OrganizationMembers members;

    private final String organizationId = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        members = new OrganizationMembers(database.jdbc());
        projector = new OrganizationProjector(new OrganizationRows(database.jdbc()), members,
                new OrganizationInvitations(database.jdbc()));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void openTheOrganization() {
        apply(1, new OrganizationCreated(organizationId, "Example Dental", FOUNDER, false));
    }

    @Test
    void aCreatedOrganizationIsARowAtRevisionOneWhoseFounderIsItsOwnerSinceThen() {
        assertThat(organization()).isEqualTo(Map.of("name", "Example Dental", "personal", false,
                "created_by", FOUNDER, "revision", 1L, "created_at", Timestamp.from(occurredAt(1))));
        assertThat(members.roleOf(organizationId, FOUNDER)).hasValue(Role.OWNER);
        assertThat(joinedAt(FOUNDER)).isEqualTo(Timestamp.from(occurredAt(1)));
        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
    }

    @Test
    void aMemberJoinsByAnInvitationWhichIsUsedUpAndChangesRoleUntilRemoved() {
        String invitationId = UUID.randomUUID().toString();
        apply(2, new InvitationCreated(organizationId, invitationId, "joiner@example.com", Role.EDITOR,
                "ab".repeat(32), occurredAt(2).plus(Duration.ofDays(7))));
        apply(3, new MemberAdded(organizationId, JOINER, Role.EDITOR, invitationId));

        assertThat(members.roleOf(organizationId, JOINER)).hasValue(Role.EDITOR);
        assertThat(joinedAt(JOINER)).isEqualTo(Timestamp.from(occurredAt(3)));
        assertThat(invitationStatus(invitationId)).isEqualTo("accepted");

        apply(4, new MemberRoleChanged(organizationId, JOINER, Role.EDITOR, Role.ADMIN));
        assertThat(members.roleOf(organizationId, JOINER)).hasValue(Role.ADMIN);

        apply(5, new MemberRemoved(organizationId, JOINER));
        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
        assertThat(organization().get("revision")).isEqualTo(5L);
    }

    @Test
    void aRevokedInvitationStaysRevokedAndNoTokenIsKept() {
        String invitationId = UUID.randomUUID().toString();
        String tokenHash = "cd".repeat(32);
        apply(2, new InvitationCreated(organizationId, invitationId, "someone@example.com", Role.VIEWER, tokenHash,
                occurredAt(2).plus(Duration.ofDays(7))));
        apply(3, new InvitationRevoked(organizationId, invitationId));

        assertThat(invitationStatus(invitationId)).isEqualTo("revoked");
        assertThat(database.jdbc().sql("SELECT * FROM query.organization_invitations WHERE id = ?")
                .param(invitationId).query().singleRow().values()).doesNotContain(tokenHash);
    }

    @Test
    void aRedeliveredOrStaleEventChangesNothingAndNeverBringsARemovedMemberBack() {
        EventEnvelope added = by(FOUNDER, 2, occurredAt(2), new MemberAdded(organizationId, JOINER, Role.VIEWER, null));
        database.project(() -> projector.apply(added));
        apply(3, new MemberRemoved(organizationId, JOINER));
        apply(4, new OrganizationRenamed(organizationId, "Example Dental Group"));

        database.project(() -> projector.apply(added));
        apply(4, new OrganizationRenamed(organizationId, "A rename delivered late"));
        apply(3, new MemberRoleChanged(organizationId, FOUNDER, Role.OWNER, Role.VIEWER));

        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
        assertThat(members.roleOf(organizationId, FOUNDER)).hasValue(Role.OWNER);
        assertThat(organization().get("name")).isEqualTo("Example Dental Group");
        assertThat(organization().get("revision")).isEqualTo(4L);
    }

    @Test
    void aDeletedOrganizationIsATombstoneWithoutMembers() {
        apply(2, new MemberAdded(organizationId, JOINER, Role.ADMIN, null));
        apply(3, new OrganizationDeleted(organizationId));

        assertThat(organization().get("revision")).isEqualTo(3L);
        assertThat(database.jdbc().sql("SELECT deleted_at FROM query.organizations WHERE id = ?").param(organizationId)
                .query(Timestamp.class).single()).isEqualTo(Timestamp.from(occurredAt(3)));
        assertThat(members.roleOf(organizationId, FOUNDER)).isEmpty();
        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
    }

    @Test
    void anEventForAnOrganizationWhoseCreationNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> database.project(() -> projector.apply(by(FOUNDER, 2, occurredAt(2),
                new MemberAdded(unseen, JOINER, Role.OWNER, null)))))
                .isInstanceOf(ProjectionGapException.class);
        assertThat(members.roleOf(unseen, JOINER)).isEmpty();
    }

    private void apply(long revision, DomainEvent event) {
        database.project(() -> projector.apply(by(FOUNDER, revision, occurredAt(revision), event)));
    }

    private Map<String, Object> organization() {
        return database.jdbc().sql("SELECT name, personal, created_by, revision, created_at FROM query.organizations "
                + "WHERE id = ?").param(organizationId).query().singleRow();
    }

    private Timestamp joinedAt(String userId) {
        return database.jdbc().sql("SELECT joined_at FROM query.organization_members WHERE organization_id = ? "
                + "AND user_id = ?").params(organizationId, userId).query(Timestamp.class).single();
    }

    private static String invitationStatus(String invitationId) {
        return database.jdbc().sql("SELECT status FROM query.organization_invitations WHERE id = ?")
                .param(invitationId).query(String.class).single();
    }
}
