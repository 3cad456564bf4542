package io.voicepartner.command.tool;

import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RecordToolExecutions;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolExecution;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.command.lookup.AssistantOwnership;
import io.voicepartner.command.usage.UsageReports;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.voicepartner.command.tool.ToolConfigurations.SECRETS;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;

/** What a tool decides about the executions reported for it. */
class ToolUsageTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String FRONT_DESK = "0190f2c4-1111-7000-8000-00000000f0d1";
    private static final String STRANGERS_ASSISTANT = "0190f2c4-1111-7000-8000-0000000000b2";
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00Z");

    private final Set<String> recorded = new HashSet<>();
    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(SECRETS);
        fixture.registerInjectableResource((UsageReports) (toolId, ids) ->
                ids.stream().filter(recorded::contains).collect(Collectors.toSet()));
        fixture.registerInjectableResource((AssistantOwnership) (ownerId, assistantId) -> {
            if (!OWNER.equals(ownerId) || !FRONT_DESK.equals(assistantId)) {
                throw Refusal.notFound("Assistant", assistantId);
            }
        });
    }

    @Test
    void recordsEveryExecutionOfAReportAndAnswersTheRevisionReached() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(report(execution("e-1", 120), execution("e-2", 80)))
                .expectEvents(executed("e-1", 120), executed("e-2", 80))
                .expectResultMessagePayload(3L);
    }

    @Test
    void recordsAnExecutionReportedBeforeOnlyOnce() {
        recorded.add("e-1");

        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER), executed("e-1", 120))
                .when(report(execution("e-1", 120), execution("e-2", 80), execution("e-2", 80)))
                .expectEvents(executed("e-2", 80))
                .expectResultMessagePayload(3L);
    }

    @Test
    void refusesExecutionsOfAnotherUsersTool() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(new RecordToolExecutions(TOOL_ID, STRANGER, List.of(execution("e-1", 10)), false))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void refusesExecutionsForAnotherUsersAssistant() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(report(new ToolExecution("e-1", 10, true, 200, STRANGERS_ASSISTANT, AT)))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void recordsATestCallMadeForNoAssistant() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(new RecordToolExecutions(TOOL_ID, OWNER, List.of(new ToolExecution("t-1", 40, false, null, null,
                        AT)), true))
                .expectEvents(new ToolExecuted(TOOL_ID, OWNER, "t-1", null, 40, false, null, AT, true));
    }

    @Test
    void aDeletedToolTakesNoExecutions() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER), new ToolDeleted(TOOL_ID, OWNER))
                .when(report(execution("e-1", 10)))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void executionsMoveTheRevisionThatIfMatchIsCheckedAgainst() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER), executed("e-1", 10))
                .when(new DeleteTool(TOOL_ID, OWNER, 2L))
                .expectEvents(new ToolDeleted(TOOL_ID, OWNER));
    }

    private static RecordToolExecutions report(ToolExecution... executions) {
        return new RecordToolExecutions(TOOL_ID, OWNER, List.of(executions), false);
    }

    private static ToolExecution execution(String id, long durationMs) {
        return new ToolExecution(id, durationMs, true, 200, FRONT_DESK, AT);
    }

    private static ToolExecuted executed(String id, long durationMs) {
        return new ToolExecuted(TOOL_ID, OWNER, id, FRONT_DESK, durationMs, true, 200, AT, false);
    }
}
