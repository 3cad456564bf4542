package io.voicepartner.query.organization;

import static io.voicepartner.query.consuming.Envelopes.EPOCH;
import static io.voicepartner.query.consuming.Envelopes.by;
import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.Role;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the organization routes read: an organization exists only for its members, each list is newest first in
 * pages, members come with their e-mail and name, and an invitation's status says whether it can still be taken up.
 * Ids here sort like UUIDv7s: the later a test makes one, the greater it is.
 */
class OrganizationReadsTest {

    private static ReadModelDatabase database;
    private static OrganizationProjector projector;
    private static OrganizationRows organizations;
    private static OrganizationMembers members;
    private static OrganizationInvitations invitations;

    /** Unique per test, so that the tests share the database without seeing each other's rows. */
    private final String prefix = UUID.randomUUID().toString().substring(0, 8);

    private int ids;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        organizations = new OrganizationRows(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
        members = new OrganizationMembers(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
        invitations = new OrganizationInvitations(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
        projector = new OrganizationProjector(
                organizations, members, invitations, new OrganizationApiKeys(database.jdbc()));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theCallersOrganizationsAreTheLiveOnesTheyBelongToEachWithTheirRoleNewestFirst() {
        String user = id("user");
        String own = open(user, "Own", true);
        String joined = open(id("user"), "Joined", false);
        apply(joined, 2, new MemberAdded(joined, user, Role.VIEWER, null));
        String left = open(id("user"), "Left", false);
        apply(left, 2, new MemberAdded(left, user, Role.ADMIN, null));
        apply(left, 3, new MemberRemoved(left, user));
        String closed = open(user, "Closed", false);
        apply(closed, 2, new OrganizationDeleted(closed));
        open(id("user"), "Strangers'", false);

        ListQuery.Page<OrganizationView> first = organizations.listOf(user, null, 1);
        ListQuery.Page<OrganizationView> second = organizations.listOf(user, joined, 1);

        assertThat(first.items())
                .extracting(
                        OrganizationView::id,
                        OrganizationView::name,
                        OrganizationView::role,
                        OrganizationView::personal)
                .containsExactly(tuple(joined, "Joined", Role.VIEWER, false));
        assertThat(first.hasMore()).isTrue();
        assertThat(first.total()).isEqualTo(2);
        assertThat(second.items())
                .extracting(OrganizationView::id, OrganizationView::role)
                .containsExactly(tuple(own, Role.OWNER));
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void anOrganizationIsFoundOnlyByItsMembersAtItsRevisionWithTheirRole() {
        String founder = id("user");
        String viewer = id("user");
        String organizationId = open(founder, "Example Dental", false);
        apply(organizationId, 2, new MemberAdded(organizationId, viewer, Role.VIEWER, null));

        assertThat(organizations.find(organizationId, viewer))
                .hasValue(new OrganizationView(
                        organizationId, "Example Dental", false, Role.VIEWER, occurredAt(1), founder, 2));
        assertThat(organizations.find(organizationId, founder))
                .map(OrganizationView::role)
                .hasValue(Role.OWNER);
        assertThat(organizations.find(organizationId, id("user"))).isEmpty();
    }

    @Test
    void aReadYourWritesWaitSeesTheRevisionOnlyAsAMemberOrFormerMember() {
        String founder = id("user");
        String leaver = id("user");
        String organizationId = open(founder, "Example Dental", false);
        apply(organizationId, 2, new MemberAdded(organizationId, leaver, Role.EDITOR, null));
        apply(organizationId, 3, new MemberRemoved(organizationId, leaver));

        assertThat(organizations.revisionSeenBy(organizationId, founder)).isEqualTo(3);
        assertThat(organizations.revisionSeenBy(organizationId, leaver))
                .as("who just left learns it at once")
                .isEqualTo(3);
        assertThat(organizations.revisionSeenBy(organizationId, id("user")))
                .as("a stranger learns nothing")
                .isZero();
        assertThat(organizations.find(organizationId, leaver)).isEmpty();

        apply(organizationId, 4, new OrganizationDeleted(organizationId));

        assertThat(organizations.revisionSeenBy(organizationId, founder)).isEqualTo(4);
        assertThat(organizations.find(organizationId, founder)).isEmpty();
    }

    @Test
    void membersComeWithTheUsersEmailAndNameTheNewestUsersFirst() {
        String founder = id("user");
        String joiner = id("user");
        String unknown = id("user");
        registerUser(founder, "ada@example.com", "Ada");
        registerUser(joiner, "grace@example.com", null);
        String organizationId = open(founder, "Example Dental", false);
        apply(organizationId, 2, new MemberAdded(organizationId, joiner, Role.EDITOR, null));
        apply(organizationId, 3, new MemberAdded(organizationId, unknown, Role.VIEWER, null));
        apply(organizationId, 4, new MemberRemoved(organizationId, unknown));

        ListQuery.Page<MemberView> page = members.list(organizationId, null, 50);

        assertThat(page.items())
                .containsExactly(
                        new MemberView(joiner, "grace@example.com", null, Role.EDITOR, occurredAt(2)),
                        new MemberView(founder, "ada@example.com", "Ada", Role.OWNER, occurredAt(1)));
        assertThat(page.total()).isEqualTo(2);
        assertThat(members.list(organizationId, joiner, 50).items())
                .extracting(MemberView::userId)
                .containsExactly(founder);
    }

    @Test
    void anInvitationIsPendingUntilAcceptedRevokedOrPastItsExpiry() {
        String founder = id("user");
        String organizationId = open(founder, "Example Dental", false);
        Instant nextWeek = Instant.now().plus(Duration.ofDays(7));
        String accepted = invite(organizationId, 2, nextWeek);
        apply(organizationId, 3, new MemberAdded(organizationId, id("user"), Role.EDITOR, accepted));
        String revoked = invite(organizationId, 4, nextWeek);
        apply(organizationId, 5, new InvitationRevoked(organizationId, revoked));
        String expired = invite(organizationId, 6, EPOCH.plus(Duration.ofDays(7)));
        String pending = invite(organizationId, 7, nextWeek);

        assertThat(invitations.list(organizationId, null, 50).items())
                .extracting(InvitationView::id, InvitationView::status, InvitationView::createdBy)
                .containsExactly(
                        tuple(pending, InvitationStatus.PENDING, founder),
                        tuple(expired, InvitationStatus.EXPIRED, founder),
                        tuple(revoked, InvitationStatus.REVOKED, founder),
                        tuple(accepted, InvitationStatus.ACCEPTED, founder));
        assertThat(invitations.list(open(founder, "Another", false), null, 50).items())
                .isEmpty();
    }

    /** An id greater than every one made before it in this test. */
    private String id(String kind) {
        return String.format("%s-%02d-%s", prefix, ++ids, kind);
    }

    private String open(String founder, String name, boolean personal) {
        String organizationId = personal ? founder : id("organization");
        apply(1, new OrganizationCreated(organizationId, name, founder, personal), founder);
        return organizationId;
    }

    private String invite(String organizationId, long revision, Instant expiresAt) {
        String invitationId = id("invitation");
        apply(
                organizationId,
                revision,
                new InvitationCreated(
                        organizationId,
                        invitationId,
                        invitationId + "@example.com",
                        Role.EDITOR,
                        "ef".repeat(32),
                        expiresAt));
        return invitationId;
    }

    private void apply(String organizationId, long revision, DomainEvent event) {
        apply(revision, event, founderOf(organizationId));
    }

    private static void apply(long revision, DomainEvent event, String actor) {
        database.project(() -> projector.apply(by(actor, revision, occurredAt(revision), event)));
    }

    private static String founderOf(String organizationId) {
        return database.jdbc()
                .sql("SELECT created_by FROM query.organizations WHERE id = ?")
                .param(organizationId)
                .query(String.class)
                .single();
    }

    private static void registerUser(String id, String email, String name) {
        database.jdbc()
                .sql("INSERT INTO query.users (id, revision, email, name, created_at, updated_at) "
                        + "VALUES (?, 1, ?, ?, ?, ?)")
                .params(id, email, name, Timestamp.from(EPOCH), Timestamp.from(EPOCH))
                .update();
    }
}
