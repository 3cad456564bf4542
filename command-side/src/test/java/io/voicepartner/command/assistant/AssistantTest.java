package io.voicepartner.command.assistant;

import static io.voicepartner.api.assistant.AssistantField.CAPABILITIES;
import static io.voicepartner.api.assistant.AssistantField.DESCRIPTION;
import static io.voicepartner.api.assistant.AssistantField.FIRST_MESSAGE;
import static io.voicepartner.api.assistant.AssistantField.NAME;
import static io.voicepartner.api.assistant.AssistantField.TEMPERATURE;
import static io.voicepartner.api.assistant.AssistantField.VOICE_SPEED;
import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.json;
import static io.voicepartner.command.assistant.Configurations.with;
import static io.voicepartner.command.assistant.Patch.nothing;
import static io.voicepartner.command.assistant.Patch.set;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.assistant.AssignFiles;
import io.voicepartner.api.assistant.AssignTools;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.ConfigureFileAssignment;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.UnassignFile;
import io.voicepartner.api.assistant.UnassignTool;
import io.voicepartner.api.assistant.UpdateAssistant;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.command.lookup.FileOwnership;
import io.voicepartner.command.lookup.ToolOwnership;
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

/** What an assistant decides: given its history, a command is either recorded as events or refused. */
class AssistantTest {

    private static final String ASSISTANT_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    /** No {@code If-Match} header: the write applies to whatever revision is current. */
    private static final Long LATEST = null;

    private static final String HOLD_MUSIC = "0190f2c4-1111-7000-8000-000000000001";
    private static final String CALENDAR = "0190f2c4-1111-7000-8000-000000000002";
    private static final String STRANGERS_TOOL = "0190f2c4-1111-7000-8000-000000000003";

    /** The owner's live tools, as the lookup tables would answer for them. */
    private static final ToolOwnership OWNERS_TOOLS = (owner, toolIds) -> toolIds.stream()
            .filter(id -> !OWNER.equals(owner) || !List.of(HOLD_MUSIC, CALENDAR).contains(id))
            .findFirst()
            .ifPresent(id -> {
                throw Refusal.notFound("Tool", id);
            });

    private static final String PRICE_LIST = "0190f2c4-2222-7000-8000-000000000001";
    private static final String OPENING_HOURS = "0190f2c4-2222-7000-8000-000000000002";
    private static final String STRANGERS_FILE = "0190f2c4-2222-7000-8000-000000000003";

    /** The owner's live files, as the lookup tables would answer for them. */
    private static final FileOwnership OWNERS_FILES = (owner, fileIds) -> fileIds.stream()
            .filter(id ->
                    !OWNER.equals(owner) || !List.of(PRICE_LIST, OPENING_HOURS).contains(id))
            .findFirst()
            .ifPresent(id -> {
                throw Refusal.notFound("File", id);
            });

    private FixtureConfiguration<Assistant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Assistant.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(OWNERS_TOOLS);
        fixture.registerInjectableResource(OWNERS_FILES);
    }

    @Nested
    class AssigningFiles {

        @Test
        void createsAnAssistantWithItsToolsAndFilesAtOnce() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAssistant(
                            ASSISTANT_ID,
                            OWNER,
                            SUPPORT_BOT,
                            List.of(CALENDAR),
                            List.of(PRICE_LIST, OPENING_HOURS, PRICE_LIST)))
                    .expectEvents(
                            new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST, OPENING_HOURS)));
        }

        @Test
        void refusesToCreateAnAssistantWithAFileThatIsNotTheOwners() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAssistant(ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(), List.of(STRANGERS_FILE)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void assignsOnlyTheFilesTheAssistantDoesNotHaveYet() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new AssignFiles(ASSISTANT_ID, OWNER, LATEST, List.of(PRICE_LIST, OPENING_HOURS)))
                    .expectEvents(new FilesAssigned(ASSISTANT_ID, OWNER, List.of(OPENING_HOURS)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void reassigningAFileRecordsNothing() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new AssignFiles(ASSISTANT_ID, OWNER, LATEST, List.of(PRICE_LIST)))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesToAssignAFileOwnedByAnotherUser() {
            fixture.given(created())
                    .when(new AssignFiles(ASSISTANT_ID, OWNER, LATEST, List.of(PRICE_LIST, STRANGERS_FILE)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToAssignFilesToAnotherUsersAssistant() {
            fixture.given(created())
                    .when(new AssignFiles(ASSISTANT_ID, STRANGER, LATEST, List.of(PRICE_LIST)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void configuresAnAssignment() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new ConfigureFileAssignment(ASSISTANT_ID, OWNER, 2L, PRICE_LIST, Map.of("priority", "high")))
                    .expectEvents(
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, Map.of("priority", "high")))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void configuringAnAssignmentAsItIsRecordsNothing() {
            fixture.given(
                            created(),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, Map.of("priority", "high")))
                    .when(new ConfigureFileAssignment(
                            ASSISTANT_ID, OWNER, LATEST, PRICE_LIST, Map.of("priority", "high")))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesToConfigureAFileTheAssistantDoesNotHave() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new ConfigureFileAssignment(ASSISTANT_ID, OWNER, LATEST, OPENING_HOURS, Map.of()))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesAConfigurationMadeAtAnOlderRevision() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new ConfigureFileAssignment(ASSISTANT_ID, OWNER, 1L, PRICE_LIST, Map.of()))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void unassignsAFileWithItsConfiguration() {
            fixture.given(
                            created(),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                            new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, Map.of("priority", "high")))
                    .when(new UnassignFile(ASSISTANT_ID, OWNER, LATEST, PRICE_LIST))
                    .expectEvents(new FileUnassigned(ASSISTANT_ID, OWNER, PRICE_LIST))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void refusesToUnassignAFileTheAssistantDoesNotHave() {
            fixture.given(
                            created(),
                            new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                            new FileUnassigned(ASSISTANT_ID, OWNER, PRICE_LIST))
                    .when(new UnassignFile(ASSISTANT_ID, OWNER, LATEST, PRICE_LIST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToUnassignFromAnotherUsersAssistant() {
            fixture.given(created(), new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)))
                    .when(new UnassignFile(ASSISTANT_ID, STRANGER, LATEST, PRICE_LIST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class AssigningTools {

        @Test
        void createsAnAssistantWithItsToolsAtOnce() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAssistant(
                            ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(HOLD_MUSIC, CALENDAR, HOLD_MUSIC), List.of()))
                    .expectEvents(
                            new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC, CALENDAR)));
        }

        @Test
        void refusesToCreateAnAssistantWithAToolThatIsNotTheOwners() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAssistant(
                            ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(HOLD_MUSIC, STRANGERS_TOOL), List.of()))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void assignsOnlyTheToolsTheAssistantDoesNotHaveYet() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)))
                    .when(new AssignTools(ASSISTANT_ID, OWNER, LATEST, List.of(HOLD_MUSIC, CALENDAR)))
                    .expectEvents(new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void reassigningAToolRecordsNothing() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)))
                    .when(new AssignTools(ASSISTANT_ID, OWNER, LATEST, List.of(HOLD_MUSIC)))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesToAssignAToolOwnedByAnotherUser() {
            fixture.given(created())
                    .when(new AssignTools(ASSISTANT_ID, OWNER, LATEST, List.of(STRANGERS_TOOL)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToAssignToolsToAnotherUsersAssistant() {
            fixture.given(created())
                    .when(new AssignTools(ASSISTANT_ID, STRANGER, LATEST, List.of(HOLD_MUSIC)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesAnAssignmentMadeAtAnOlderRevision() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)))
                    .when(new AssignTools(ASSISTANT_ID, OWNER, 1L, List.of(CALENDAR)))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void unassignsATool() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC, CALENDAR)))
                    .when(new UnassignTool(ASSISTANT_ID, OWNER, 2L, HOLD_MUSIC))
                    .expectEvents(new ToolUnassigned(ASSISTANT_ID, OWNER, HOLD_MUSIC))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesToUnassignAToolTheAssistantDoesNotHave() {
            fixture.given(
                            created(),
                            new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)),
                            new ToolUnassigned(ASSISTANT_ID, OWNER, HOLD_MUSIC))
                    .when(new UnassignTool(ASSISTANT_ID, OWNER, LATEST, HOLD_MUSIC))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToUnassignFromAnotherUsersAssistant() {
            fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(HOLD_MUSIC)))
                    .when(new UnassignTool(ASSISTANT_ID, STRANGER, LATEST, HOLD_MUSIC))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Creating {

        @Test
        void createsAnAssistantForItsOwnerWithTheGivenConfiguration() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAssistant(ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(), List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT));
        }

        @Test
        void aNewAssistantIsAtRevisionOne() {
            fixture.given(created())
                    .when(update(OWNER, 1L, set(DESCRIPTION, "Books appointments")))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
        }
    }

    @Nested
    class Updating {

        @Test
        void changesTheNamedFieldsAndRecordsTheWholeConfigurationAfterTheChange() {
            fixture.given(created())
                    .when(update(
                            OWNER,
                            LATEST,
                            set(DESCRIPTION, "Books appointments").and(VOICE_SPEED, 1.25)))
                    .expectEvents(updated(
                            with(with(SUPPORT_BOT, DESCRIPTION, "Books appointments"), VOICE_SPEED, 1.25),
                            DESCRIPTION,
                            VOICE_SPEED))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void namesOnlyTheFieldsWhoseValueChangedNotEveryFieldSent() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(NAME, SUPPORT_BOT.name()).and(DESCRIPTION, "Books appointments")))
                    .expectEvents(updated(with(SUPPORT_BOT, DESCRIPTION, "Books appointments"), DESCRIPTION));
        }

        @Test
        void answersTheRevisionTheAssistantReached() {
            AssistantConfiguration renamed = with(SUPPORT_BOT, NAME, "Hotline");
            AssistantConfiguration cooler = with(renamed, TEMPERATURE, 0.2);
            fixture.given(created(), updated(renamed, NAME), updated(cooler, TEMPERATURE))
                    .when(update(OWNER, LATEST, set(DESCRIPTION, "Books appointments")))
                    .expectEvents(updated(with(cooler, DESCRIPTION, "Books appointments"), DESCRIPTION))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void clearsANamedFieldSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(FIRST_MESSAGE, null)))
                    .expectEvents(updated(with(SUPPORT_BOT, FIRST_MESSAGE, null), FIRST_MESSAGE))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void keepsEveryFieldTheUpdateDoesNotNameThoughTheChangesLeaveItUnset() {
            UpdateAssistant onlyTemperature = update(OWNER, LATEST, set(TEMPERATURE, 1.1));

            fixture.given(created())
                    .when(onlyTemperature)
                    .expectEvents(updated(with(SUPPORT_BOT, TEMPERATURE, 1.1), TEMPERATURE));
        }

        @Test
        void mergesCapabilitiesKeyByKey() {
            Map<String, Object> patch =
                    json("transfer", json("number", "+49407654321"), "recording", null, "language_detection", true);

            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CAPABILITIES, patch)))
                    .expectEvents(updated(
                            with(
                                    SUPPORT_BOT,
                                    CAPABILITIES,
                                    Map.of(
                                            "transfer",
                                            Map.of("enabled", true, "number", "+49407654321"),
                                            "language_detection",
                                            true)),
                            CAPABILITIES));
        }

        @Test
        void clearsEveryCapabilityWhenCapabilitiesIsSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CAPABILITIES, null)))
                    .expectEvents(updated(with(SUPPORT_BOT, CAPABILITIES, Map.of()), CAPABILITIES));
        }

        @Test
        void recordsNothingForAnUpdateThatChangesNothingAndAnswersTheCurrentRevision() {
            AssistantConfiguration renamed = with(SUPPORT_BOT, NAME, "Hotline");
            fixture.given(created(), updated(renamed, NAME))
                    .when(update(OWNER, LATEST, set(NAME, "Hotline").and(DESCRIPTION, SUPPORT_BOT.description())))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsNothingForAnUpdateThatNamesNoField() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, nothing()))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void recordsNothingForACapabilityPatchThatLeavesTheCapabilitiesAsTheyAre() {
            Map<String, Object> patch = json("transfer", json("enabled", true), "no_such_capability", null);

            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CAPABILITIES, patch)))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void appliesAnUpdateMadeAtTheCurrentRevision() {
            AssistantConfiguration renamed = with(SUPPORT_BOT, NAME, "Hotline");
            fixture.given(created(), updated(renamed, NAME))
                    .when(update(OWNER, 2L, set(DESCRIPTION, "Books appointments")))
                    .expectEvents(updated(with(renamed, DESCRIPTION, "Books appointments"), DESCRIPTION))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesAnUpdateMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(SUPPORT_BOT, NAME, "Hotline"), NAME))
                    .when(update(OWNER, 1L, set(DESCRIPTION, "Books appointments")))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUpdateMadeAtARevisionNotYetReached() {
            fixture.given(created())
                    .when(update(OWNER, 2L, set(DESCRIPTION, "Books appointments")))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUpdateThatWouldChangeNothingWhenMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(SUPPORT_BOT, NAME, "Hotline"), NAME))
                    .when(update(OWNER, 1L, set(NAME, "Hotline")))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateAnAssistantOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, LATEST, set(NAME, "Mine now")))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void revealsNoRevisionOfAnAssistantOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, 7L, set(NAME, "Mine now")))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateADeletedAssistant() {
            fixture.given(created(), deleted())
                    .when(update(OWNER, LATEST, set(NAME, "Back again")))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletesAnAssistantAndAnswersTheRevisionOfTheDeletion() {
            fixture.given(created())
                    .when(new DeleteAssistant(ASSISTANT_ID, OWNER, LATEST))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(2L);
        }

        @Test
        void deletesAnAssistantAtTheCurrentRevision() {
            fixture.given(created(), updated(with(SUPPORT_BOT, NAME, "Hotline"), NAME))
                    .when(new DeleteAssistant(ASSISTANT_ID, OWNER, 2L))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesADeleteMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(SUPPORT_BOT, NAME, "Hotline"), NAME))
                    .when(new DeleteAssistant(ASSISTANT_ID, OWNER, 1L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesADeleteMadeAtARevisionNotYetReached() {
            fixture.given(created())
                    .when(new DeleteAssistant(ASSISTANT_ID, OWNER, 5L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAnAssistantOwnedByAnotherUser() {
            fixture.given(created())
                    .when(new DeleteAssistant(ASSISTANT_ID, STRANGER, LATEST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAnAssistantTwice() {
            fixture.given(created(), deleted())
                    .when(new DeleteAssistant(ASSISTANT_ID, OWNER, LATEST))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    private static AssistantCreated created() {
        return new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT);
    }

    private static AssistantUpdated updated(AssistantConfiguration configuration, AssistantField... changed) {
        return new AssistantUpdated(ASSISTANT_ID, OWNER, configuration, Set.copyOf(List.of(changed)));
    }

    private static AssistantDeleted deleted() {
        return new AssistantDeleted(ASSISTANT_ID, OWNER);
    }

    private static UpdateAssistant update(String caller, Long expectedRevision, Patch patch) {
        return new UpdateAssistant(ASSISTANT_ID, caller, expectedRevision, patch.changes(), patch.fields());
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
