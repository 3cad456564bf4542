package io.voicepartner.command.assistant;

import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.RestoreAssistant;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.UnassignTool;
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
import org.junit.jupiter.api.Test;

/** Undoing an assistant's deletion: it comes back as it was, with those of its tools and files that still exist. */
class AssistantRestoreTest {

    private static final String ASSISTANT_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";

    private static final String HOLD_MUSIC = "0190f2c4-1111-7000-8000-000000000001";
    private static final String CALENDAR = "0190f2c4-1111-7000-8000-000000000002";
    /** Deleted while the assistant was deleted. */
    private static final String DELETED_TOOL = "0190f2c4-1111-7000-8000-000000000004";

    private static final String PRICE_LIST = "0190f2c4-2222-7000-8000-000000000001";
    /** Deleted while the assistant was deleted. */
    private static final String DELETED_FILE = "0190f2c4-2222-7000-8000-000000000004";

    private static final ToolOwnership OWNERS_TOOLS = (owner, toolIds) -> toolIds.stream()
            .filter(id -> !OWNER.equals(owner) || !List.of(HOLD_MUSIC, CALENDAR).contains(id))
            .findFirst()
            .ifPresent(id -> {
                throw Refusal.notFound("Tool", id);
            });

    private static final FileOwnership OWNERS_FILES = (owner, fileIds) -> fileIds.stream()
            .filter(id -> !OWNER.equals(owner) || !PRICE_LIST.equals(id))
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

    @Test
    void restoresADeletedAssistantAsItWasAtANewRevision() {
        var renamed = with(SUPPORT_BOT, AssistantField.NAME, "Hotline");
        fixture.given(
                        created(),
                        new AssistantUpdated(ASSISTANT_ID, OWNER, renamed, Set.of(AssistantField.NAME)),
                        deleted())
                .when(new RestoreAssistant(ASSISTANT_ID, OWNER))
                .expectEvents(new AssistantRestored(ASSISTANT_ID, OWNER, renamed, List.of(), Map.of()))
                .expectResultMessagePayload(4L);
    }

    @Test
    void bringsBackItsToolsAndFilesInTheirOrderWithTheirConfiguration() {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        files.put(PRICE_LIST, Map.of("priority", "high"));
        fixture.given(
                        created(),
                        new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR, HOLD_MUSIC)),
                        new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST)),
                        new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, Map.of("priority", "high")),
                        deleted())
                .when(new RestoreAssistant(ASSISTANT_ID, OWNER))
                .expectEvents(
                        new AssistantRestored(ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(CALENDAR, HOLD_MUSIC), files));
    }

    @Test
    void leavesOutToolsAndFilesDeletedMeanwhile() {
        fixture.given(
                        created(),
                        new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(DELETED_TOOL, CALENDAR)),
                        new FilesAssigned(ASSISTANT_ID, OWNER, List.of(DELETED_FILE, PRICE_LIST)),
                        deleted())
                .when(new RestoreAssistant(ASSISTANT_ID, OWNER))
                .expectEvents(new AssistantRestored(
                        ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(CALENDAR), Map.of(PRICE_LIST, Map.of())));
    }

    @Test
    void refusesToRestoreAnAssistantThatIsNotDeleted() {
        fixture.given(created())
                .when(new RestoreAssistant(ASSISTANT_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectExceptionMessage(
                        "Assistant '" + ASSISTANT_ID + "' is not deleted; only a deleted assistant can be restored.")
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAnotherUsersAssistant() {
        fixture.given(created(), deleted())
                .when(new RestoreAssistant(ASSISTANT_ID, STRANGER))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAnotherUsersLiveAssistantWithoutRevealingIt() {
        fixture.given(created())
                .when(new RestoreAssistant(ASSISTANT_ID, STRANGER))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreTwice() {
        fixture.given(
                        created(),
                        deleted(),
                        new AssistantRestored(ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(), Map.of()))
                .when(new RestoreAssistant(ASSISTANT_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aDeletedAssistantStillRefusesEveryOtherCommandAsDeleted() {
        fixture.given(created(), new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR)), deleted())
                .when(new UnassignTool(ASSISTANT_ID, OWNER, null, CALENDAR))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRestoredAssistantTakesCommandsAgain() {
        fixture.given(
                        created(),
                        deleted(),
                        new AssistantRestored(ASSISTANT_ID, OWNER, SUPPORT_BOT, List.of(CALENDAR), Map.of()))
                .when(new UnassignTool(ASSISTANT_ID, OWNER, 3L, CALENDAR))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(4L);
    }

    private static AssistantCreated created() {
        return new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT);
    }

    private static AssistantDeleted deleted() {
        return new AssistantDeleted(ASSISTANT_ID, OWNER);
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
