package io.voicepartner.command.assistant;

import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.CloneAssistant;
import io.voicepartner.api.assistant.CloneSource;
import io.voicepartner.api.assistant.ClonedFrom;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.assistant.PrepareClone;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.command.lookup.FileOwnership;
import io.voicepartner.command.lookup.ToolOwnership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Cloning an assistant: the source answers what a copy starts with ({@link PrepareClone}, recording nothing), and
 * the copy is created from that ({@link CloneAssistant}), its first event naming where it came from.
 */
class AssistantCloneTest {

    private static final String SOURCE_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String CLONE_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c99";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";

    private static final String CALENDAR = "0190f2c4-1111-7000-8000-000000000002";
    private static final String HOLD_MUSIC = "0190f2c4-1111-7000-8000-000000000001";
    /** Deleted after a version froze it. */
    private static final String DELETED_TOOL = "0190f2c4-1111-7000-8000-000000000004";

    private static final String PRICE_LIST = "0190f2c4-2222-7000-8000-000000000001";
    private static final String OPENING_HOURS = "0190f2c4-2222-7000-8000-000000000002";

    private static final List<String> OWNERS_TOOL_IDS = List.of(CALENDAR, HOLD_MUSIC);
    private static final List<String> OWNERS_FILE_IDS = List.of(PRICE_LIST, OPENING_HOURS);

    private static final ToolOwnership OWNERS_TOOLS = (owner, toolIds) -> toolIds.stream()
            .filter(id -> !OWNER.equals(owner) || !OWNERS_TOOL_IDS.contains(id))
            .findFirst()
            .ifPresent(id -> {
                throw Refusal.notFound("Tool", id);
            });

    private static final FileOwnership OWNERS_FILES = (owner, fileIds) -> fileIds.stream()
            .filter(id -> !OWNER.equals(owner) || !OWNERS_FILE_IDS.contains(id))
            .findFirst()
            .ifPresent(id -> {
                throw Refusal.notFound("File", id);
            });

    private static final AssistantConfiguration AS_A_DRAFT =
            with(SUPPORT_BOT, AssistantField.STATUS, AssistantStatus.DRAFT);
    private static final AssistantConfiguration NIGHT_SHIFT = with(SUPPORT_BOT, AssistantField.NAME, "Night shift");

    private FixtureConfiguration<Assistant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Assistant.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(OWNERS_TOOLS);
        fixture.registerInjectableResource(OWNERS_FILES);
    }

    @Nested
    class TheSource {

        @Test
        void answersItsDraftWithItsToolsAndFilesInAssignmentOrderAndRecordsNothing() {
            Map<String, Map<String, Object>> files = new LinkedHashMap<>();
            files.put(OPENING_HOURS, Map.of());
            files.put(PRICE_LIST, Map.of("priority", "high"));
            fixture.given(
                            created(),
                            new ToolsAssigned(SOURCE_ID, OWNER, List.of(HOLD_MUSIC, CALENDAR)),
                            new FilesAssigned(SOURCE_ID, OWNER, List.of(OPENING_HOURS, PRICE_LIST)),
                            new FileAssignmentConfigured(SOURCE_ID, OWNER, PRICE_LIST, Map.of("priority", "high")))
                    .when(new PrepareClone(SOURCE_ID, OWNER, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CloneSource(
                            AS_A_DRAFT, List.of(HOLD_MUSIC, CALENDAR), files, new ClonedFrom(SOURCE_ID, null, 4)));
        }

        @Test
        void answersADeployedDraftAsANewDraft() {
            var deployed = with(SUPPORT_BOT, AssistantField.STATUS, AssistantStatus.DEPLOYED);
            fixture.given(created(), new AssistantUpdated(SOURCE_ID, OWNER, deployed, Set.of(AssistantField.STATUS)))
                    .when(new PrepareClone(SOURCE_ID, OWNER, null))
                    .expectResultMessagePayload(
                            new CloneSource(AS_A_DRAFT, List.of(), Map.of(), new ClonedFrom(SOURCE_ID, null, 2)));
        }

        @Test
        void answersAPublishedVersionLeavingOutToolsDeletedSince() {
            var renamed = with(SUPPORT_BOT, AssistantField.NAME, "Edited after the version");
            fixture.given(
                            created(),
                            versionOne(),
                            new AssistantUpdated(SOURCE_ID, OWNER, renamed, Set.of(AssistantField.NAME)))
                    .when(new PrepareClone(SOURCE_ID, OWNER, 1))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CloneSource(
                            AS_A_DRAFT,
                            List.of(CALENDAR),
                            Map.of(PRICE_LIST, Map.of("priority", "high")),
                            new ClonedFrom(SOURCE_ID, 1, 3)));
        }

        @Test
        void refusesAVersionItDoesNotHave() {
            fixture.given(created(), versionOne())
                    .when(new PrepareClone(SOURCE_ID, OWNER, 2))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectExceptionMessage("Version '2' was not found.")
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationWithoutRevealingTheAssistant() {
            fixture.given(created())
                    .when(new PrepareClone(SOURCE_ID, STRANGER, null))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesADeletedAssistantAsDeleted() {
            fixture.given(created(), new AssistantDeleted(SOURCE_ID, OWNER))
                    .when(new PrepareClone(SOURCE_ID, OWNER, null))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class TheCopy {

        @Test
        void startsWithWhereItCameFromThenTakesItsToolsFilesAndTheirConfiguration() {
            Map<String, Map<String, Object>> files = new LinkedHashMap<>();
            files.put(OPENING_HOURS, Map.of());
            files.put(PRICE_LIST, Map.of("priority", "high"));
            ClonedFrom origin = new ClonedFrom(SOURCE_ID, 1, 3);
            fixture.givenNoPriorActivity()
                    .when(new CloneAssistant(
                            CLONE_ID, OWNER, NIGHT_SHIFT, List.of(HOLD_MUSIC, CALENDAR), files, origin))
                    .expectEvents(
                            new AssistantCreated(CLONE_ID, OWNER, NIGHT_SHIFT, origin),
                            new ToolsAssigned(CLONE_ID, OWNER, List.of(HOLD_MUSIC, CALENDAR)),
                            new FilesAssigned(CLONE_ID, OWNER, List.of(OPENING_HOURS, PRICE_LIST)),
                            new FileAssignmentConfigured(CLONE_ID, OWNER, PRICE_LIST, Map.of("priority", "high")));
        }

        @Test
        void withoutToolsOrFilesIsOneEvent() {
            ClonedFrom origin = new ClonedFrom(SOURCE_ID, null, 1);
            fixture.givenNoPriorActivity()
                    .when(new CloneAssistant(CLONE_ID, OWNER, NIGHT_SHIFT, List.of(), Map.of(), origin))
                    .expectEvents(new AssistantCreated(CLONE_ID, OWNER, NIGHT_SHIFT, origin));
        }

        @Test
        void refusesAToolNoLongerTheOwnersAsACreateWould() {
            fixture.givenNoPriorActivity()
                    .when(new CloneAssistant(
                            CLONE_ID,
                            OWNER,
                            NIGHT_SHIFT,
                            List.of(DELETED_TOOL),
                            Map.of(),
                            new ClonedFrom(SOURCE_ID, null, 2)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void theCopyCountsItsOwnRevisionsFromOne() {
            ClonedFrom origin = new ClonedFrom(SOURCE_ID, null, 7);
            var command = new CloneAssistant(
                    CLONE_ID, OWNER, NIGHT_SHIFT, List.of(CALENDAR), Map.of(PRICE_LIST, Map.of("a", 1)), origin);
            fixture.given(
                            new AssistantCreated(CLONE_ID, OWNER, NIGHT_SHIFT, origin),
                            new ToolsAssigned(CLONE_ID, OWNER, List.of(CALENDAR)),
                            new FilesAssigned(CLONE_ID, OWNER, List.of(PRICE_LIST)),
                            new FileAssignmentConfigured(CLONE_ID, OWNER, PRICE_LIST, Map.of("a", 1)))
                    .when(new PrepareClone(CLONE_ID, OWNER, null))
                    .expectResultMessagePayload(new CloneSource(
                            NIGHT_SHIFT,
                            List.of(CALENDAR),
                            Map.of(PRICE_LIST, Map.of("a", 1)),
                            new ClonedFrom(CLONE_ID, null, AssistantCommands.revisionAfter(command))));
        }
    }

    /** Version 1 froze the calendar, a tool deleted since and the price list with its configuration. */
    private static AssistantVersionPublished versionOne() {
        ToolConfiguration tool = new ToolConfiguration(
                "Calendar",
                null,
                "https://calendar.example/api",
                HttpMethod.POST,
                null,
                null,
                null,
                null,
                null,
                true,
                null);
        VersionConfiguration frozen = new VersionConfiguration(
                with(SUPPORT_BOT, AssistantField.STATUS, null),
                List.of(new FrozenTool(CALENDAR, tool), new FrozenTool(DELETED_TOOL, tool)),
                List.of(new FrozenFile(
                        PRICE_LIST,
                        "prices.pdf",
                        "prices.pdf",
                        FileType.PDF,
                        1024,
                        "abc",
                        null,
                        Map.of("priority", "high"))));
        return new AssistantVersionPublished(SOURCE_ID, OWNER, 1, null, "hash", OWNER, frozen);
    }

    private static AssistantCreated created() {
        return new AssistantCreated(SOURCE_ID, OWNER, SUPPORT_BOT);
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
