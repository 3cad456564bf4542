package io.voicepartner.analytics.membership;

import static io.voicepartner.analytics.consuming.Envelopes.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.analytics.consuming.AnalyticsDatabase;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.support.security.ApiKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Analytics' own view of who belongs to which organization and which API keys act for it, which its routes are
 * admitted by: as the events say, each applied once and in order, so that neither a redelivery nor a replay from the
 * start brings a removed member or a revoked key back, and an event behind a missing one is refused (to be parked)
 * rather than applied over the hole.
 */
class AnalyticsMembershipsTest {

    private static final String FOUNDER = "user-founder";
    private static final String JOINER = "user-joiner";
    private static final Instant OPENED = Instant.parse("2026-03-01T09:00:00Z");

    private static AnalyticsDatabase database;
    private static AnalyticsMemberships memberships;

    private final String organizationId = UUID.randomUUID().toString();
    private final List<EventEnvelope> stream = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        database = AnalyticsDatabase.create();
        memberships = new AnalyticsMemberships(database.jdbc(), database.transaction());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void openTheOrganization() {
        record(new OrganizationCreated(organizationId, "Example Dental", FOUNDER, false));
    }

    @Test
    void theFounderIsAnOwnerAndMembersHaveTheRoleTheLastEventGaveThemUntilRemoved() {
        assertThat(memberships.roleOf(organizationId, FOUNDER)).hasValue(Role.OWNER);
        assertThat(memberships.roleOf(organizationId, JOINER)).isEmpty();

        record(new MemberAdded(organizationId, JOINER, Role.VIEWER, null));
        assertThat(memberships.roleOf(organizationId, JOINER)).hasValue(Role.VIEWER);
        assertThat(database.jdbc()
                        .sql("SELECT joined_at FROM analytics.organization_members WHERE user_id = ? "
                                + "AND organization_id = ?")
                        .params(JOINER, organizationId)
                        .query(Timestamp.class)
                        .single())
                .isEqualTo(Timestamp.from(OPENED.plusSeconds(60)));

        record(new MemberRoleChanged(organizationId, JOINER, Role.VIEWER, Role.EDITOR));
        assertThat(memberships.roleOf(organizationId, JOINER)).hasValue(Role.EDITOR);

        record(new MemberRemoved(organizationId, JOINER));
        assertThat(memberships.roleOf(organizationId, JOINER)).isEmpty();
        assertThat(memberships.roleOf(organizationId, FOUNDER)).hasValue(Role.OWNER);
    }

    @Test
    void aRedeliveryOrAReplayFromTheStartNeverBringsARemovedMemberBack() {
        record(new MemberAdded(organizationId, JOINER, Role.ADMIN, null));
        record(new MemberRemoved(organizationId, JOINER));

        memberships.record(stream.get(1));
        stream.forEach(memberships::record);

        assertThat(memberships.roleOf(organizationId, JOINER)).isEmpty();
        assertThat(revisionHeld()).isEqualTo(3);
    }

    @Test
    void anEventBehindAMissingOneIsRefusedAndChangesNothing() {
        EventEnvelope overtaking = at(3, OPENED, new MemberAdded(organizationId, JOINER, Role.OWNER, null));

        assertThatThrownBy(() -> memberships.record(overtaking))
                .isInstanceOf(MembershipGapException.class)
                .hasMessage("Revision 3 of organization " + organizationId + " arrived while the memberships hold "
                        + "revision 1");
        assertThat(memberships.roleOf(organizationId, JOINER)).isEmpty();
        assertThat(revisionHeld()).isEqualTo(1);

        String unseen = UUID.randomUUID().toString();
        assertThatThrownBy(() -> memberships.record(at(2, OPENED, new MemberAdded(unseen, JOINER, Role.OWNER, null))))
                .isInstanceOf(MembershipGapException.class)
                .hasMessageContaining("hold none of it");
    }

    @Test
    void aClosedOrganizationHasNoMembersAndAnInvitationMakesNobodyOne() {
        record(new InvitationCreated(
                organizationId,
                UUID.randomUUID().toString(),
                "joiner@example.com",
                Role.EDITOR,
                "ab".repeat(32),
                OPENED.plusSeconds(3600)));
        assertThat(memberships.roleOf(organizationId, JOINER)).isEmpty();

        record(new OrganizationDeleted(organizationId));

        assertThat(memberships.roleOf(organizationId, FOUNDER)).isEmpty();
    }

    @Test
    void anApiKeyIsFoundByItsHashUntilItIsRevokedAndStaysRevokedOnAReplay() {
        String keyId = UUID.randomUUID().toString();
        String hash = "AbCdEfGh:" + "ab".repeat(32);
        record(new ApiKeyCreated(
                organizationId, keyId, "Dashboards", List.of(ApiKeyScope.ANALYTICS_READ), "vp_AbCdEfGh", hash, null));

        assertThat(memberships.findLive(List.of(hash)))
                .hasValue(new ApiKey(keyId, organizationId, Set.of(ApiKeyScope.ANALYTICS_READ), null));

        record(new ApiKeyRevoked(organizationId, keyId));
        stream.forEach(memberships::record);

        assertThat(memberships.findLive(List.of(hash))).isEmpty();
    }

    @Test
    void closingTheOrganizationRevokesItsKeys() {
        String hash = "AbCdEfGh:" + "cd".repeat(32);
        record(new ApiKeyCreated(
                organizationId,
                UUID.randomUUID().toString(),
                "Dashboards",
                List.of(ApiKeyScope.ANALYTICS_READ),
                "vp_AbCdEfGh",
                hash,
                OPENED.plusSeconds(86_400)));

        record(new OrganizationDeleted(organizationId));

        assertThat(memberships.findLive(List.of(hash))).isEmpty();
    }

    @Test
    void anotherAggregatesEventIsNoMembershipsBusiness() {
        memberships.record(at(1, OPENED, new UserRegistered(organizationId, "ada@example.com", "Ada")));

        assertThat(revisionHeld()).isEqualTo(1);
    }

    /** Records the event as the next revision of the organization, a minute after the one before. */
    private void record(DomainEvent event) {
        EventEnvelope envelope = at(stream.size() + 1, OPENED.plusSeconds(60L * stream.size()), event);
        stream.add(envelope);
        memberships.record(envelope);
    }

    private long revisionHeld() {
        return database.jdbc()
                .sql("SELECT revision FROM analytics.organizations WHERE id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }
}
