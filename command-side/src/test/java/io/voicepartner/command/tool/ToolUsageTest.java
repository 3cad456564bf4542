package io.voicepartner.command.tool;

import static io.voicepartner.command.tool.ToolConfigurations.NOTHING;
import static io.voicepartner.command.tool.ToolConfigurations.SECRETS;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.with;

import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Executions recorded on a tool's stream before usage left it (ADR 0017): the tool loads past them and decides
 * on its configuration as if they were not there, but they keep their places in the revision, which is the
 * stream's. Usage reported now is recorded outside the tool ({@code UsageRecording}): the tool takes no usage.
 */
class ToolUsageTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String FRONT_DESK = "0190f2c4-1111-7000-8000-00000000f0d1";
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00Z");

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(SECRETS);
    }

    @Test
    void legacyExecutionsLeaveTheConfigurationAsItWas() {
        fixture.given(created(), executed("e-1"), executed("e-2"))
                .when(new UpdateTool(TOOL_ID, OWNER, 3L, with(NOTHING, "name", "Forecast"), Set.of(ToolField.NAME)))
                .expectEvents(
                        new ToolUpdated(TOOL_ID, OWNER, with(WEATHER, "name", "Forecast"), Set.of(ToolField.NAME)))
                .expectResultMessagePayload(4L);
    }

    @Test
    void legacyExecutionsKeepTheirPlacesInTheRevisionThatIfMatchNames() {
        fixture.given(created(), executed("e-1"))
                .when(new DeleteTool(TOOL_ID, OWNER, 1L))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void aToolRestoredPastLegacyExecutionsComesBackWithItsConfiguration() {
        fixture.given(created(), executed("e-1"), new ToolDeleted(TOOL_ID, OWNER), executed("e-2"))
                .when(new RestoreTool(TOOL_ID, OWNER))
                .expectEvents(new ToolRestored(TOOL_ID, OWNER, WEATHER))
                .expectResultMessagePayload(5L);
    }

    private static ToolCreated created() {
        return new ToolCreated(TOOL_ID, OWNER, WEATHER);
    }

    private static ToolExecuted executed(String id) {
        return new ToolExecuted(TOOL_ID, OWNER, id, FRONT_DESK, 120, true, 200, AT, false);
    }
}
