package io.voicepartner.command.tool;

import static io.voicepartner.command.tool.ToolConfigurations.SECRETS;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Undoing a tool's deletion: it comes back as it was, its encrypted credentials included. */
class ToolRestoreTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(SECRETS);
    }

    @Test
    void restoresADeletedToolWithTheConfigurationItLastHad() {
        var renamed = with(WEATHER, "name", "Forecast");
        fixture.given(created(), new ToolUpdated(TOOL_ID, OWNER, renamed, Set.of(ToolField.NAME)), deleted())
                .when(new RestoreTool(TOOL_ID, OWNER))
                .expectEvents(new ToolRestored(TOOL_ID, OWNER, renamed))
                .expectResultMessagePayload(4L);
    }

    @Test
    void refusesToRestoreAToolThatIsNotDeleted() {
        fixture.given(created())
                .when(new RestoreTool(TOOL_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAnotherUsersTool() {
        fixture.given(created(), deleted())
                .when(new RestoreTool(TOOL_ID, STRANGER))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aDeletedToolStillRefusesEveryOtherCommandAsDeleted() {
        fixture.given(created(), deleted())
                .when(new DeleteTool(TOOL_ID, OWNER, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRestoredToolCanBeDeletedAgain() {
        fixture.given(created(), deleted(), new ToolRestored(TOOL_ID, OWNER, WEATHER))
                .when(new DeleteTool(TOOL_ID, OWNER, 3L))
                .expectEvents(deleted())
                .expectResultMessagePayload(4L);
    }

    private static ToolCreated created() {
        return new ToolCreated(TOOL_ID, OWNER, WEATHER);
    }

    private static ToolDeleted deleted() {
        return new ToolDeleted(TOOL_ID, OWNER);
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
