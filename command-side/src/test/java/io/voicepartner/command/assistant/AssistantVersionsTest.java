package io.voicepartner.command.assistant;

import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.AssistantVersionRestored;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.assistant.PublishAssistantVersion;
import io.voicepartner.api.assistant.RestoreAssistantVersion;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.command.file.CurrentFiles;
import io.voicepartner.command.lookup.FileOwnership;
import io.voicepartner.command.lookup.ToolOwnership;
import io.voicepartner.command.tool.CurrentTools;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The publish rules: what a version freezes, when publishing records nothing, and what restoring records. */
class AssistantVersionsTest {

    private static final String ASSISTANT_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final Long LATEST = null;

    private static final String CALENDAR = "0190f2c4-1111-7000-8000-000000000002";
    private static final String HOLD_MUSIC = "0190f2c4-1111-7000-8000-000000000001";
    private static final String PRICE_LIST = "0190f2c4-2222-7000-8000-000000000001";
    private static final String OPENING_HOURS = "0190f2c4-2222-7000-8000-000000000002";

    private static final ToolConfiguration CALENDAR_TOOL = new ToolConfiguration(
            "Calendar",
            "Books appointments",
            "https://calendar.example.com/book",
            HttpMethod.POST,
            "scheduling",
            Map.of("type", "object"),
            Map.of(),
            Map.of("Authorization", new SecretValue("Y2lwaGVydGV4dA==", "abcd")),
            new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()),
            true);
    private static final ToolConfiguration HOLD_MUSIC_TOOL = new ToolConfiguration(
            "Hold music",
            null,
            "https://music.example.com",
            HttpMethod.GET,
            null,
            Map.of(),
            Map.of(),
            Map.of(),
            new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()),
            true);
    private static final Map<String, Object> TOP_THREE = Map.of("top_k", 3);

    /** The tools and files as their own aggregates hold them now; a test edits or deletes them. */
    private final Map<String, ToolConfiguration> tools = new HashMap<>();

    private final Map<String, FrozenFile> files = new HashMap<>();
    private FixtureConfiguration<Assistant> fixture;

    @BeforeEach
    void setUp() {
        tools.put(CALENDAR, CALENDAR_TOOL);
        tools.put(HOLD_MUSIC, HOLD_MUSIC_TOOL);
        files.put(PRICE_LIST, file(PRICE_LIST, "prices.pdf", Map.of()));
        files.put(OPENING_HOURS, file(OPENING_HOURS, "hours.txt", Map.of()));
        fixture = new AggregateTestFixture<>(Assistant.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource((ToolOwnership) (owner, ids) -> {});
        fixture.registerInjectableResource((FileOwnership) (owner, ids) -> {});
        fixture.registerInjectableResource((CurrentTools) id -> Optional.ofNullable(tools.get(id)));
        fixture.registerInjectableResource((CurrentFiles) (id, assignment) ->
                Optional.ofNullable(files.get(id)).map(f -> file(id, f.originalName(), assignment)));
    }

    @Nested
    class Publishing {

        @Test
        void freezesTheAssistantWithItsToolsAndFilesAsVersionOneAndDeploysIt() {
            VersionConfiguration frozen = new VersionConfiguration(
                    withoutStatus(SUPPORT_BOT),
                    List.of(new FrozenTool(CALENDAR, CALENDAR_TOOL)),
                    List.of(file(PRICE_LIST, "prices.pdf", TOP_THREE)));
            fixture.given(
                            created(),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, TOP_THREE))
                    .when(new PublishAssistantVersion(ASSISTANT_ID, OWNER, null, "first go-live"))
                    .expectEvents(
                            new AssistantUpdated(
                                    ASSISTANT_ID,
                                    OWNER,
                                    with(SUPPORT_BOT, AssistantField.STATUS, AssistantStatus.DEPLOYED),
                                    Set.of(AssistantField.STATUS)),
                            new AssistantVersionPublished(
                                    ASSISTANT_ID, OWNER, 1, "first go-live", ConfigHash.of(frozen), OWNER, frozen))
                    .expectResultMessagePayload(new Published(1, 6, true));
        }

        @Test
        void publishingAConfigurationIdenticalToTheLatestVersionRecordsNothingAndAnswersThatVersion() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)), versionOne())
                    .when(new PublishAssistantVersion(ASSISTANT_ID, OWNER, null, "again"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Published(1, 3, false));
        }

        @Test
        void anEditedToolMakesTheNextPublishANewVersionWithoutTouchingTheStatusAgain() {
            ToolConfiguration moved = new ToolConfiguration(
                    "Calendar",
                    "Books appointments",
                    "https://calendar.example.com/v2/book",
                    HttpMethod.POST,
                    "scheduling",
                    Map.of("type", "object"),
                    Map.of(),
                    CALENDAR_TOOL.secretHeaders(),
                    CALENDAR_TOOL.authentication(),
                    true);
            VersionConfiguration frozen = new VersionConfiguration(
                    withoutStatus(SUPPORT_BOT), List.of(new FrozenTool(CALENDAR, moved)), List.of());
            fixture.given(deployed(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)), versionOne())
                    .when(publishAfter(() -> tools.put(CALENDAR, moved)))
                    .expectEvents(new AssistantVersionPublished(
                            ASSISTANT_ID, OWNER, 2, null, ConfigHash.of(frozen), OWNER, frozen))
                    .expectResultMessagePayload(new Published(2, 4, true));
        }

        @Test
        void leavesOutAToolDeletedButNotYetTakenFromTheAssistant() {
            VersionConfiguration frozen = new VersionConfiguration(
                    withoutStatus(SUPPORT_BOT), List.of(new FrozenTool(CALENDAR, CALENDAR_TOOL)), List.of());
            fixture.given(deployed(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR, HOLD_MUSIC)))
                    .when(publishAfter(() -> tools.remove(HOLD_MUSIC)))
                    .expectEvents(new AssistantVersionPublished(
                            ASSISTANT_ID, OWNER, 1, null, ConfigHash.of(frozen), OWNER, frozen));
        }

        @Test
        void publishesOnlyTheRevisionTheCallerSawWhenAskedTo() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)))
                    .when(new PublishAssistantVersion(ASSISTANT_ID, OWNER, 1L, "from a stale page"))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToPublishAnotherUsersAssistantAsIfItDidNotExist() {
            fixture.given(created())
                    .when(new PublishAssistantVersion(ASSISTANT_ID, STRANGER, null, null))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Restoring {

        private final AssistantConfiguration edited = with(
                with(SUPPORT_BOT, AssistantField.TEMPERATURE, 1.2), AssistantField.STATUS, AssistantStatus.DEPLOYED);

        @Test
        void bringsBackTheVersionsFieldsToolsAndFilesKeepingTheStatus() {
            fixture.given(
                            deployed(),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, TOP_THREE),
                            versionOneWithPriceList(),
                            new AssistantUpdated(ASSISTANT_ID, OWNER, edited, Set.of(AssistantField.TEMPERATURE)),
                            new ToolUnassigned(ASSISTANT_ID, OWNER, CALENDAR),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, Map.of()),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(OPENING_HOURS)))
                    .when(new RestoreAssistantVersion(ASSISTANT_ID, OWNER, LATEST, 1))
                    .expectEvents(
                            new AssistantUpdated(
                                    ASSISTANT_ID, OWNER, deployedSupportBot(), Set.of(AssistantField.TEMPERATURE)),
                            new ToolUnassigned(ASSISTANT_ID, OWNER, HOLD_MUSIC),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)),
                            new FileUnassigned(ASSISTANT_ID, OWNER, OPENING_HOURS),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, TOP_THREE),
                            new AssistantVersionRestored(ASSISTANT_ID, OWNER, 1))
                    .expectResultMessagePayload(16L);
        }

        @Test
        void leavesOutToolsDeletedSinceTheVersion() {
            fixture.given(
                            deployed(),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)),
                            versionOne(),
                            new ToolUnassigned(ASSISTANT_ID, OWNER, CALENDAR))
                    .when(restoreAfter(() -> tools.remove(CALENDAR)))
                    .expectEvents(new AssistantVersionRestored(ASSISTANT_ID, OWNER, 1));
        }

        @Test
        void refusesToRestoreAVersionThatWasNeverPublished() {
            fixture.given(deployed(), versionOne())
                    .when(new RestoreAssistantVersion(ASSISTANT_ID, OWNER, LATEST, 2))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToRestoreOverARevisionTheCallerDidNotSee() {
            fixture.given(deployed(), versionOne())
                    .when(new RestoreAssistantVersion(ASSISTANT_ID, OWNER, 1L, 1))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToRestoreAnotherUsersAssistantAsIfItDidNotExist() {
            fixture.given(deployed(), versionOne())
                    .when(new RestoreAssistantVersion(ASSISTANT_ID, STRANGER, LATEST, 1))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    /** A publish sent once the tools' or files' aggregates have changed as the action says. */
    private PublishAssistantVersion publishAfter(Runnable change) {
        change.run();
        return new PublishAssistantVersion(ASSISTANT_ID, OWNER, null, null);
    }

    private RestoreAssistantVersion restoreAfter(Runnable change) {
        change.run();
        return new RestoreAssistantVersion(ASSISTANT_ID, OWNER, LATEST, 1);
    }

    private static AssistantCreated created() {
        return new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT);
    }

    private static AssistantCreated deployed() {
        return new AssistantCreated(ASSISTANT_ID, OWNER, deployedSupportBot());
    }

    private static AssistantConfiguration deployedSupportBot() {
        return with(SUPPORT_BOT, AssistantField.STATUS, AssistantStatus.DEPLOYED);
    }

    /** Version 1 of the support bot with the calendar tool. */
    private static AssistantVersionPublished versionOne() {
        VersionConfiguration frozen = new VersionConfiguration(
                withoutStatus(SUPPORT_BOT), List.of(new FrozenTool(CALENDAR, CALENDAR_TOOL)), List.of());
        return new AssistantVersionPublished(ASSISTANT_ID, OWNER, 1, null, ConfigHash.of(frozen), OWNER, frozen);
    }

    private static AssistantVersionPublished versionOneWithPriceList() {
        VersionConfiguration frozen = new VersionConfiguration(
                withoutStatus(SUPPORT_BOT),
                List.of(new FrozenTool(CALENDAR, CALENDAR_TOOL)),
                List.of(file(PRICE_LIST, "prices.pdf", TOP_THREE)));
        return new AssistantVersionPublished(ASSISTANT_ID, OWNER, 1, null, ConfigHash.of(frozen), OWNER, frozen);
    }

    private static AssistantConfiguration withoutStatus(AssistantConfiguration configuration) {
        return with(configuration, AssistantField.STATUS, null);
    }

    private static FrozenFile file(String id, String filename, Map<String, Object> assignment) {
        return new FrozenFile(id, id + ".pdf", filename, FileType.PDF, 1024, "ab".repeat(32), null, assignment);
    }

    private static Matcher<Refusal> refusal(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal refusal) {
                return refusal.code();
            }
        };
    }
}
