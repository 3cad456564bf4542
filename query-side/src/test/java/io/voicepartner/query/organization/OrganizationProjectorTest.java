package io.voicepartner.query.organization;

import static io.voicepartner.query.consuming.Envelopes.by;
import static io.voicepartner.query.consuming.Envelopes.occurredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.ApiKeyScope;
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
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.ApiKeyUse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@code query.organizations} with its members, invitations and API keys: every event of an
 * organization is guarded by the organization's revision, also the ones that change only who belongs, so that a
 * redelivered or stale event never brings a removed member back nor a revoked key; members join at the event's time.
 */
class OrganizationProjectorTest {

    private static final String FOUNDER = "user-founder";
    private static final String JOINER = "user-joiner";

    private static ReadModelDatabase database;
    private static OrganizationProjector projector;
    private static OrganizationMembers members;
    private static OrganizationApiKeys apiKeys;
    private static OrganizationRows organizations;

    private final String organizationId = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        members = new OrganizationMembers(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
        apiKeys = new OrganizationApiKeys(database.jdbc());
        organizations = new OrganizationRows(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
        projector = new OrganizationProjector(
                organizations,
                members,
                new OrganizationInvitations(
                        database.jdbc(),
                        new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development()))),
                apiKeys);
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
        assertThat(organization())
                .isEqualTo(Map.of(
                        "name",
                        "Example Dental",
                        "personal",
                        false,
                        "created_by",
                        FOUNDER,
                        "revision",
                        1L,
                        "created_at",
                        Timestamp.from(occurredAt(1))));
        assertThat(members.roleOf(organizationId, FOUNDER)).hasValue(Role.OWNER);
        assertThat(joinedAt(FOUNDER)).isEqualTo(Timestamp.from(occurredAt(1)));
        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
    }

    @Test
    void aMemberJoinsByAnInvitationWhichIsUsedUpAndChangesRoleUntilRemoved() {
        String invitationId = UUID.randomUUID().toString();
        apply(
                2,
                new InvitationCreated(
                        organizationId,
                        invitationId,
                        "joiner@example.com",
                        Role.EDITOR,
                        "ab".repeat(32),
                        occurredAt(2).plus(Duration.ofDays(7))));
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
        apply(
                2,
                new InvitationCreated(
                        organizationId,
                        invitationId,
                        "someone@example.com",
                        Role.VIEWER,
                        tokenHash,
                        occurredAt(2).plus(Duration.ofDays(7))));
        apply(3, new InvitationRevoked(organizationId, invitationId));

        assertThat(invitationStatus(invitationId)).isEqualTo("revoked");
        assertThat(database.jdbc()
                        .sql("SELECT * FROM query.organization_invitations WHERE id = ?")
                        .param(invitationId)
                        .query()
                        .singleRow()
                        .values())
                .doesNotContain(tokenHash);
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
        assertThat(database.jdbc()
                        .sql("SELECT deleted_at FROM query.organizations WHERE id = ?")
                        .param(organizationId)
                        .query(Timestamp.class)
                        .single())
                .isEqualTo(Timestamp.from(occurredAt(3)));
        assertThat(members.roleOf(organizationId, FOUNDER)).isEmpty();
        assertThat(members.roleOf(organizationId, JOINER)).isEmpty();
    }

    @Test
    void anApiKeyIsFoundByItsHashUntilRevokedAndListedWithWhoCreatedItButNoSecret() {
        String keyId = UUID.randomUUID().toString();
        String hash = "AbCdEfGh:" + "ef".repeat(32);
        Instant expires = occurredAt(2).plus(Duration.ofDays(90));
        apply(
                2,
                new ApiKeyCreated(
                        organizationId,
                        keyId,
                        "Voice runtime",
                        List.of(ApiKeyScope.CONFIG_READ, ApiKeyScope.USAGE_WRITE),
                        "vp_AbCdEfGh",
                        hash,
                        expires));

        assertThat(apiKeys.findLive(List.of("other:" + "00".repeat(32), hash)))
                .hasValue(new ApiKey(
                        keyId, organizationId, Set.of(ApiKeyScope.CONFIG_READ, ApiKeyScope.USAGE_WRITE), expires));
        assertThat(apiKeys.list(organizationId, null, 10).items())
                .containsExactly(new ApiKeyView(
                        keyId,
                        organizationId,
                        "Voice runtime",
                        "vp_AbCdEfGh",
                        List.of(ApiKeyScope.CONFIG_READ, ApiKeyScope.USAGE_WRITE),
                        FOUNDER,
                        occurredAt(2),
                        expires,
                        null,
                        null));

        apply(3, new ApiKeyRevoked(organizationId, keyId));
        database.project(() -> projector.apply(by(
                FOUNDER,
                2,
                occurredAt(2),
                new ApiKeyCreated(
                        organizationId,
                        keyId,
                        "Voice runtime",
                        List.of(ApiKeyScope.CONFIG_READ),
                        "vp_AbCdEfGh",
                        hash,
                        null))));

        assertThat(apiKeys.findLive(List.of(hash))).isEmpty();
        assertThat(apiKeys.list(organizationId, null, 10).items())
                .singleElement()
                .satisfies(key -> assertThat(key.revokedAt()).isEqualTo(occurredAt(3)));
    }

    @Test
    void closingTheOrganizationRevokesItsKeysAndHidesItFromThem() {
        String hash = "AbCdEfGh:" + "0a".repeat(32);
        apply(
                2,
                new ApiKeyCreated(
                        organizationId,
                        UUID.randomUUID().toString(),
                        "CI",
                        List.of(ApiKeyScope.CONFIG_READ),
                        "vp_0a0a0a0a",
                        hash,
                        null));
        assertThat(organizations.findForItsKey(organizationId)).hasValueSatisfying(organization -> {
            assertThat(organization.name()).isEqualTo("Example Dental");
            assertThat(organization.role()).as("a key has no role").isNull();
        });

        apply(3, new OrganizationDeleted(organizationId));

        assertThat(apiKeys.findLive(List.of(hash))).isEmpty();
        assertThat(organizations.findForItsKey(organizationId)).isEmpty();
    }

    @Test
    void aKeyShowsItsLatestUseWhicheverSideReportedItInWhateverOrder() {
        String keyId = UUID.randomUUID().toString();
        apply(
                2,
                new ApiKeyCreated(
                        organizationId,
                        keyId,
                        "CI",
                        List.of(ApiKeyScope.CONFIG_READ),
                        "vp_0b0b0b0b",
                        "AbCdEfGh:" + "0b".repeat(32),
                        null));
        Instant later = occurredAt(2).plusSeconds(90);

        apiKeys.used(new ApiKeyUse(keyId, organizationId, later));
        apiKeys.used(new ApiKeyUse(keyId, organizationId, later.minusSeconds(30)));

        assertThat(apiKeys.list(organizationId, null, 10).items())
                .singleElement()
                .satisfies(key -> assertThat(key.lastUsedAt()).isEqualTo(later));
    }

    @Test
    void anEventForAnOrganizationWhoseCreationNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> database.project(() -> projector.apply(
                        by(FOUNDER, 2, occurredAt(2), new MemberAdded(unseen, JOINER, Role.OWNER, null)))))
                .isInstanceOf(ProjectionGapException.class);
        assertThat(members.roleOf(unseen, JOINER)).isEmpty();
    }

    private void apply(long revision, DomainEvent event) {
        database.project(() -> projector.apply(by(FOUNDER, revision, occurredAt(revision), event)));
    }

    private Map<String, Object> organization() {
        return database.jdbc()
                .sql("SELECT name, personal, created_by, revision, created_at FROM query.organizations "
                        + "WHERE id = ?")
                .param(organizationId)
                .query()
                .singleRow();
    }

    private Timestamp joinedAt(String userId) {
        return database.jdbc()
                .sql("SELECT joined_at FROM query.organization_members WHERE organization_id = ? " + "AND user_id = ?")
                .params(organizationId, userId)
                .query(Timestamp.class)
                .single();
    }

    private static String invitationStatus(String invitationId) {
        return database.jdbc()
                .sql("SELECT status FROM query.organization_invitations WHERE id = ?")
                .param(invitationId)
                .query(String.class)
                .single();
    }
}
