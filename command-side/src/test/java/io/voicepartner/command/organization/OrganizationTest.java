package io.voicepartner.command.organization;

import static io.voicepartner.command.common.Refusals.refusal;

import io.voicepartner.api.organization.AcceptInvitation;
import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.ChangeMemberRole;
import io.voicepartner.api.organization.CreateApiKey;
import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.organization.DeleteOrganization;
import io.voicepartner.api.organization.ForgetMember;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.InviteMember;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationDeleted;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.api.organization.RemoveMember;
import io.voicepartner.api.organization.RenameOrganization;
import io.voicepartner.api.organization.RevokeApiKey;
import io.voicepartner.api.organization.RevokeInvitation;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.eventstore.CommandRouting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What an organization decides, for the member a command is sent for (its {@code actor}): given its history, a
 * command is either recorded as events or refused.
 */
class OrganizationTest {

    private static final String ORGANIZATION = "0190f2c4-0000-7000-8000-00000000c0de";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String SECOND_OWNER = "0190f2c4-0000-7000-8000-00000000b0b0";
    private static final String ADMIN = "0190f2c4-0000-7000-8000-00000000ad00";
    private static final String EDITOR = "0190f2c4-0000-7000-8000-00000000ed00";
    private static final String VIEWER = "0190f2c4-0000-7000-8000-00000000f1e0";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String INVITATION = "0190f2c4-0000-7000-8000-0000000001a1";
    private static final String TOKEN_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String INVITEE = "grace@example.com";
    private static final Instant SENT = Instant.parse("2026-01-15T10:30:00.123Z");
    private static final Instant EXPIRES = SENT.plus(Duration.ofDays(7));
    private static final String KEY = "0190f2c4-0000-7000-8000-0000000000ee";
    private static final String KEY_HASH = "AbCdEfGh:" + TOKEN_HASH;
    private static final List<ApiKeyScope> EVERY_SCOPE = Arrays.asList(ApiKeyScope.values());
    /** No {@code If-Match} header: the write applies to whatever revision is current. */
    private static final Long LATEST = null;

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
    }

    @Nested
    class Opening {

        @Test
        void opensAnOrganizationWhoseFounderIsItsOwner() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOrganization(ORGANIZATION, "Example Dental", OWNER, false), by(OWNER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrganizationCreated(ORGANIZATION, "Example Dental", OWNER, false));
        }

        @Test
        void opensAPersonalOrganizationUnderItsUsersId() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOrganization(OWNER, "Ada's organization", OWNER, true), by("system"))
                    .expectEvents(new OrganizationCreated(OWNER, "Ada's organization", OWNER, true));
        }

        @Test
        void aNewOrganizationIsAtRevisionOne() {
            fixture.given(history(created()))
                    .when(new RenameOrganization(ORGANIZATION, "Example Dental Berlin", 1L), by(OWNER))
                    .expectResultMessagePayload(2L);
        }
    }

    @Nested
    class Renaming {

        @Test
        void anAdminRenamesIt() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(new RenameOrganization(ORGANIZATION, "Example Dental Berlin", LATEST), by(ADMIN))
                    .expectEvents(new OrganizationRenamed(ORGANIZATION, "Example Dental Berlin"))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void theSameNameRecordsNothing() {
            fixture.given(history(created()))
                    .when(new RenameOrganization(ORGANIZATION, "Example Dental", LATEST), by(OWNER))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void refusesAnEditor() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(new RenameOrganization(ORGANIZATION, "Mine now", LATEST), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void isNotFoundForSomeoneWhoIsNoMember() {
            fixture.given(history(created()))
                    .when(new RenameOrganization(ORGANIZATION, "Mine now", LATEST), by(STRANGER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void refusesARenameMadeAtAnOlderRevision() {
            fixture.given(history(created(), new OrganizationRenamed(ORGANIZATION, "Example Dental Berlin")))
                    .when(new RenameOrganization(ORGANIZATION, "Example Dental Hamburg", 1L), by(OWNER))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH));
        }
    }

    @Nested
    class Deleting {

        @Test
        void anOwnerDeletesIt() {
            fixture.given(history(created()))
                    .when(new DeleteOrganization(ORGANIZATION, 1L), by(OWNER))
                    .expectEvents(new OrganizationDeleted(ORGANIZATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesAnAdmin() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(new DeleteOrganization(ORGANIZATION, LATEST), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
        }

        @Test
        void refusesAPersonalOrganization() {
            fixture.given(history(new OrganizationCreated(OWNER, "Ada's organization", OWNER, true)))
                    .when(new DeleteOrganization(OWNER, LATEST), by(OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void refusesADeleteMadeAtAnOlderRevision() {
            fixture.given(history(created(), new OrganizationRenamed(ORGANIZATION, "Example Dental Berlin")))
                    .when(new DeleteOrganization(ORGANIZATION, 1L), by(OWNER))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH));
        }

        @Test
        void aDeletedOrganizationRefusesEverything() {
            fixture.given(history(created(), new OrganizationDeleted(ORGANIZATION)))
                    .when(new RenameOrganization(ORGANIZATION, "Back again", LATEST), by(OWNER))
                    .expectException(AggregateDeletedException.class);
            fixture.given(history(created(), new OrganizationDeleted(ORGANIZATION)))
                    .when(new DeleteOrganization(ORGANIZATION, LATEST), by(OWNER))
                    .expectException(AggregateDeletedException.class);
            fixture.given(history(created(), invited(Role.EDITOR), new OrganizationDeleted(ORGANIZATION)))
                    .when(accept(STRANGER, INVITEE, SENT), by(STRANGER))
                    .expectException(AggregateDeletedException.class);
            fixture.given(history(created(), new OrganizationDeleted(ORGANIZATION)))
                    .when(invite(Role.VIEWER), by(OWNER))
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class Inviting {

        @Test
        void anAdminInvitesAnEmailAddressWithARole() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(invite(Role.EDITOR), by(ADMIN))
                    .expectEvents(invited(Role.EDITOR))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void refusesAnEditor() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(invite(Role.VIEWER), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
        }

        @Test
        void onlyAnOwnerInvitesAnOwner() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(invite(Role.OWNER), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created()))
                    .when(invite(Role.OWNER), by(OWNER))
                    .expectEvents(invited(Role.OWNER));
        }

        @Test
        void anAdminRevokesAPendingInvitation() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), invited(Role.EDITOR)))
                    .when(new RevokeInvitation(ORGANIZATION, INVITATION), by(ADMIN))
                    .expectEvents(new InvitationRevoked(ORGANIZATION, INVITATION))
                    .expectResultMessagePayload(5L);
        }

        @Test
        void refusesAnEditorRevoking() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR), invited(Role.VIEWER)))
                    .when(new RevokeInvitation(ORGANIZATION, INVITATION), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
        }

        @Test
        void anUnknownOrRevokedInvitationIsNotFound() {
            fixture.given(history(created()))
                    .when(new RevokeInvitation(ORGANIZATION, INVITATION), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
            fixture.given(history(created(), invited(Role.EDITOR), new InvitationRevoked(ORGANIZATION, INVITATION)))
                    .when(new RevokeInvitation(ORGANIZATION, INVITATION), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void anAcceptedInvitationCannotBeRevoked() {
            fixture.given(history(created(), invited(Role.EDITOR), accepted(STRANGER, Role.EDITOR)))
                    .when(new RevokeInvitation(ORGANIZATION, INVITATION), by(OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT));
        }
    }

    @Nested
    class Accepting {

        @Test
        void theInvitedUserJoinsWithTheInvitationsRole() {
            fixture.given(history(created(), invited(Role.EDITOR)))
                    .when(accept(STRANGER, INVITEE, SENT.plusSeconds(60)), by(STRANGER))
                    .expectEvents(accepted(STRANGER, Role.EDITOR))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void anInvitationIsUsedOnce() {
            fixture.given(history(created(), invited(Role.EDITOR), accepted(STRANGER, Role.EDITOR)))
                    .when(accept(EDITOR, INVITEE, SENT.plusSeconds(60)), by(EDITOR))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aRevokedInvitationIsNotFound() {
            fixture.given(history(created(), invited(Role.EDITOR), new InvitationRevoked(ORGANIZATION, INVITATION)))
                    .when(accept(STRANGER, INVITEE, SENT.plusSeconds(60)), by(STRANGER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void anInvitationExpiresAfterSevenDays() {
            fixture.given(history(created(), invited(Role.EDITOR)))
                    .when(accept(STRANGER, INVITEE, EXPIRES.minusMillis(1)), by(STRANGER))
                    .expectEvents(accepted(STRANGER, Role.EDITOR));
            fixture.given(history(created(), invited(Role.EDITOR)))
                    .when(accept(STRANGER, INVITEE, EXPIRES), by(STRANGER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void anotherEmailAddressFindsNoInvitation() {
            fixture.given(history(created(), invited(Role.EDITOR)))
                    .when(accept(STRANGER, "mallory@example.com", SENT.plusSeconds(60)), by(STRANGER))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aMemberCannotJoinAgain() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR), invited(Role.ADMIN)))
                    .when(accept(EDITOR, INVITEE, SENT.plusSeconds(60)), by(EDITOR))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }
    }

    @Nested
    class ChangingRoles {

        @Test
        void anAdminChangesAMembersRole() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), joined(EDITOR, Role.EDITOR)))
                    .when(new ChangeMemberRole(ORGANIZATION, EDITOR, Role.VIEWER), by(ADMIN))
                    .expectEvents(new MemberRoleChanged(ORGANIZATION, EDITOR, Role.EDITOR, Role.VIEWER))
                    .expectResultMessagePayload(6L);
        }

        @Test
        void theSameRoleRecordsNothing() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(new ChangeMemberRole(ORGANIZATION, EDITOR, Role.EDITOR), by(OWNER))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesAnEditor() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR), joined(VIEWER, Role.VIEWER)))
                    .when(new ChangeMemberRole(ORGANIZATION, VIEWER, Role.EDITOR), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
        }

        @Test
        void onlyAnOwnerMakesAnOwner() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), joined(EDITOR, Role.EDITOR)))
                    .when(new ChangeMemberRole(ORGANIZATION, EDITOR, Role.OWNER), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(new ChangeMemberRole(ORGANIZATION, ADMIN, Role.OWNER), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(new ChangeMemberRole(ORGANIZATION, EDITOR, Role.OWNER), by(OWNER))
                    .expectEvents(new MemberRoleChanged(ORGANIZATION, EDITOR, Role.EDITOR, Role.OWNER));
        }

        @Test
        void onlyAnOwnerUnmakesAnOwner() {
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER), joined(ADMIN, Role.ADMIN)))
                    .when(new ChangeMemberRole(ORGANIZATION, SECOND_OWNER, Role.ADMIN), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER)))
                    .when(new ChangeMemberRole(ORGANIZATION, SECOND_OWNER, Role.ADMIN), by(OWNER))
                    .expectEvents(new MemberRoleChanged(ORGANIZATION, SECOND_OWNER, Role.OWNER, Role.ADMIN));
        }

        @Test
        void theLastOwnerCannotBeDemoted() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(new ChangeMemberRole(ORGANIZATION, OWNER, Role.ADMIN), by(OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void anOwnerStepsDownWhileAnotherOwnerStays() {
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER)))
                    .when(new ChangeMemberRole(ORGANIZATION, OWNER, Role.VIEWER), by(OWNER))
                    .expectEvents(new MemberRoleChanged(ORGANIZATION, OWNER, Role.OWNER, Role.VIEWER));
        }

        @Test
        void thePersonalOrganizationsUserStaysItsOwner() {
            fixture.given(history(
                            new OrganizationCreated(OWNER, "Ada's organization", OWNER, true),
                            invited(OWNER, Role.OWNER),
                            accepted(OWNER, SECOND_OWNER, Role.OWNER)))
                    .when(new ChangeMemberRole(OWNER, OWNER, Role.ADMIN), by(SECOND_OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT));
        }

        @Test
        void aUserWhoIsNoMemberIsNotFound() {
            fixture.given(history(created()))
                    .when(new ChangeMemberRole(ORGANIZATION, STRANGER, Role.VIEWER), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }
    }

    /** A person being erased (issue 21) leaves every organization, and takes with them those they were alone in. */
    @Nested
    class ForgettingAnErasedMember {

        @Test
        void deletesAnOrganizationTheyWereAloneIn() {
            fixture.given(history(created()))
                    .when(new ForgetMember(ORGANIZATION, OWNER), by(OWNER))
                    .expectEvents(new OrganizationDeleted(ORGANIZATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void deletesTheirPersonalOrganizationToo() {
            fixture.given(history(new OrganizationCreated(OWNER, "Ada's organization", OWNER, true)))
                    .when(new ForgetMember(OWNER, OWNER), by(OWNER))
                    .expectEvents(new OrganizationDeleted(OWNER));
        }

        @Test
        void takesThemOutOfAnOrganizationOthersStayIn() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(new ForgetMember(ORGANIZATION, EDITOR), by(EDITOR))
                    .expectEvents(new MemberRemoved(ORGANIZATION, EDITOR));
        }

        @Test
        void takesAnOwnerOutWhileAnotherOwnerStays() {
            fixture.given(history(
                            new OrganizationCreated(OWNER, "Ada's organization", OWNER, true),
                            invited(OWNER, Role.OWNER),
                            accepted(OWNER, SECOND_OWNER, Role.OWNER)))
                    .when(new ForgetMember(OWNER, OWNER), by(OWNER))
                    .expectEvents(new MemberRemoved(OWNER, OWNER));
        }

        @Test
        void refusesTheOnlyOwnerOfOthers() {
            fixture.given(history(created(), joined(VIEWER, Role.VIEWER)))
                    .when(new ForgetMember(ORGANIZATION, OWNER), by(OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void refusesForgettingSomeoneElse() {
            fixture.given(history(created(), joined(VIEWER, Role.VIEWER)))
                    .when(new ForgetMember(ORGANIZATION, VIEWER), by(OWNER))
                    .expectException(refusal(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Nested
    class RemovingMembers {

        @Test
        void anAdminRemovesAMember() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), joined(EDITOR, Role.EDITOR)))
                    .when(new RemoveMember(ORGANIZATION, EDITOR), by(ADMIN))
                    .expectEvents(new MemberRemoved(ORGANIZATION, EDITOR))
                    .expectResultMessagePayload(6L);
        }

        @Test
        void aMemberLeavesByThemselves() {
            fixture.given(history(created(), joined(VIEWER, Role.VIEWER)))
                    .when(new RemoveMember(ORGANIZATION, VIEWER), by(VIEWER))
                    .expectEvents(new MemberRemoved(ORGANIZATION, VIEWER));
        }

        @Test
        void refusesAnEditorRemovingAnother() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR), joined(VIEWER, Role.VIEWER)))
                    .when(new RemoveMember(ORGANIZATION, VIEWER), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
        }

        @Test
        void onlyAnOwnerRemovesAnOwner() {
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER), joined(ADMIN, Role.ADMIN)))
                    .when(new RemoveMember(ORGANIZATION, SECOND_OWNER), by(ADMIN))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER)))
                    .when(new RemoveMember(ORGANIZATION, SECOND_OWNER), by(OWNER))
                    .expectEvents(new MemberRemoved(ORGANIZATION, SECOND_OWNER));
        }

        @Test
        void theLastOwnerCannotBeRemovedNorLeave() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(new RemoveMember(ORGANIZATION, OWNER), by(OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void anOwnerLeavesWhileAnotherOwnerStays() {
            fixture.given(history(created(), joined(SECOND_OWNER, Role.OWNER)))
                    .when(new RemoveMember(ORGANIZATION, OWNER), by(OWNER))
                    .expectEvents(new MemberRemoved(ORGANIZATION, OWNER));
        }

        @Test
        void thePersonalOrganizationsUserCannotBeRemoved() {
            fixture.given(history(
                            new OrganizationCreated(OWNER, "Ada's organization", OWNER, true),
                            invited(OWNER, Role.OWNER),
                            accepted(OWNER, SECOND_OWNER, Role.OWNER)))
                    .when(new RemoveMember(OWNER, OWNER), by(SECOND_OWNER))
                    .expectException(refusal(ErrorCode.CONFLICT));
        }

        @Test
        void aRemovedMemberCanNoLongerAct() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), new MemberRemoved(ORGANIZATION, ADMIN)))
                    .when(invite(Role.VIEWER), by(ADMIN))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void aUserWhoIsNoMemberIsNotFound() {
            fixture.given(history(created()))
                    .when(new RemoveMember(ORGANIZATION, STRANGER), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class ApiKeys {

        @Test
        void anAdminIssuesAKeyWithEveryScopeTheirRoleHas() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN)))
                    .when(createKey(EVERY_SCOPE), by(ADMIN))
                    .expectEvents(keyCreated(EVERY_SCOPE))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void aKeyThatNeverExpiresIsIssuedToo() {
            fixture.given(history(created()))
                    .when(
                            new CreateApiKey(
                                    ORGANIZATION,
                                    KEY,
                                    "CI",
                                    List.of(ApiKeyScope.CONFIG_READ),
                                    "vp_AbCdEfGh",
                                    KEY_HASH,
                                    null),
                            by(OWNER))
                    .expectEvents(new ApiKeyCreated(
                            ORGANIZATION, KEY, "CI", List.of(ApiKeyScope.CONFIG_READ), "vp_AbCdEfGh", KEY_HASH, null));
        }

        @Test
        void refusesAnEditorAndIsNotFoundForAStranger() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR)))
                    .when(createKey(List.of(ApiKeyScope.CONFIG_READ)), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
            fixture.given(history(created()))
                    .when(createKey(List.of(ApiKeyScope.CONFIG_READ)), by(STRANGER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void aKeyIssuesNoKeyRevokesNoneAndCannotLeave() {
            String aKey = "api_key:" + KEY;
            fixture.given(history(created(), keyCreated(EVERY_SCOPE)))
                    .when(createKey(List.of(ApiKeyScope.CONFIG_READ)), by(aKey))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), keyCreated(EVERY_SCOPE)))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(aKey))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created(), keyCreated(EVERY_SCOPE)))
                    .when(new RemoveMember(ORGANIZATION, aKey), by(aKey))
                    .expectException(refusal(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void anAdminRevokesAKeyOnce() {
            fixture.given(history(created(), joined(ADMIN, Role.ADMIN), keyCreated(EVERY_SCOPE)))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(ADMIN))
                    .expectEvents(new ApiKeyRevoked(ORGANIZATION, KEY))
                    .expectResultMessagePayload(5L);
            fixture.given(history(created(), keyCreated(EVERY_SCOPE), new ApiKeyRevoked(ORGANIZATION, KEY)))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void refusesToRevokeForAnEditorOrAKeyItNeverIssued() {
            fixture.given(history(created(), joined(EDITOR, Role.EDITOR), keyCreated(EVERY_SCOPE)))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(EDITOR))
                    .expectException(refusal(ErrorCode.FORBIDDEN));
            fixture.given(history(created()))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(OWNER))
                    .expectException(refusal(ErrorCode.NOT_FOUND));
        }

        @Test
        void aDeletedOrganizationIssuesAndRevokesNothing() {
            fixture.given(history(created(), keyCreated(EVERY_SCOPE), new OrganizationDeleted(ORGANIZATION)))
                    .when(createKey(EVERY_SCOPE), by(OWNER))
                    .expectException(AggregateDeletedException.class);
            fixture.given(history(created(), keyCreated(EVERY_SCOPE), new OrganizationDeleted(ORGANIZATION)))
                    .when(new RevokeApiKey(ORGANIZATION, KEY), by(OWNER))
                    .expectException(AggregateDeletedException.class);
        }

        private static CreateApiKey createKey(List<ApiKeyScope> scopes) {
            return new CreateApiKey(ORGANIZATION, KEY, "Voice runtime", scopes, "vp_AbCdEfGh", KEY_HASH, EXPIRES);
        }

        private static ApiKeyCreated keyCreated(List<ApiKeyScope> scopes) {
            return new ApiKeyCreated(ORGANIZATION, KEY, "Voice runtime", scopes, "vp_AbCdEfGh", KEY_HASH, EXPIRES);
        }
    }

    /** The events, a member's joining (two events) counted as its events. */
    private static List<Object> history(Object... events) {
        List<Object> history = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof Object[] several) {
                history.addAll(List.of(several));
            } else {
                history.add(event);
            }
        }
        return history;
    }

    private static MetaData by(String actor) {
        return MetaData.with("actor", actor);
    }

    private static OrganizationCreated created() {
        return new OrganizationCreated(ORGANIZATION, "Example Dental", OWNER, false);
    }

    private static InviteMember invite(Role role) {
        return new InviteMember(ORGANIZATION, INVITATION, INVITEE, role, TOKEN_HASH, EXPIRES);
    }

    private static InvitationCreated invited(Role role) {
        return invited(ORGANIZATION, role);
    }

    private static InvitationCreated invited(String organizationId, Role role) {
        return new InvitationCreated(organizationId, INVITATION, INVITEE, role, TOKEN_HASH, EXPIRES);
    }

    private static AcceptInvitation accept(String userId, String email, Instant at) {
        return new AcceptInvitation(ORGANIZATION, INVITATION, userId, email, at);
    }

    private static MemberAdded accepted(String userId, Role role) {
        return accepted(ORGANIZATION, userId, role);
    }

    private static MemberAdded accepted(String organizationId, String userId, Role role) {
        return new MemberAdded(organizationId, userId, role, INVITATION);
    }

    /** A member who joined by an invitation of their own (each given one, so that they are at revision 1 + 2n). */
    private static Object[] joined(String userId, Role role) {
        String invitationId = "inv-" + userId;
        return new Object[] {
            new InvitationCreated(ORGANIZATION, invitationId, userId + "@example.com", role, TOKEN_HASH, EXPIRES),
            new MemberAdded(ORGANIZATION, userId, role, invitationId)
        };
    }
}
