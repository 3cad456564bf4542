package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.lookup.AssistantOwnership;
import io.voicepartner.command.usage.UsageRecording;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.support.outbound.RefusedEndpoint;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import io.voicepartner.support.web.ErrorResponses;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tools/{id}/test}: calls the tool's endpoint once, answers what it said, and records the call
 * as an execution marked {@code test_call}, outside the tool's stream like every execution (ADR 0017). Arguments that the tool's parameters do not allow are a 400 naming
 * each, and an endpoint that resolves to an address the platform does not call is a 400 naming
 * {@code endpoint}: in both cases nothing is called or recorded. A tenant with as many test calls running as it
 * may have, or a platform with as many as it takes, is a {@code 429} with {@code Retry-After} ({@link TestCallSlots}).
 */
@Requires(Permission.WRITE)
@RestController
class ToolTestController {

    private final StoredTools tools;
    private final ToolCaller caller;
    private final OutboundGrants grants;
    private final AssistantOwnership assistants;
    private final UsageRecording usage;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final Clock clock = Clock.systemUTC();

    ToolTestController(
            StoredTools tools,
            ToolCaller caller,
            OutboundGrants grants,
            AssistantOwnership assistants,
            UsageRecording usage,
            Ids ids,
            JsonRequestReader reader) {
        this.tools = tools;
        this.caller = caller;
        this.grants = grants;
        this.assistants = assistants;
        this.usage = usage;
        this.ids = ids;
        this.reader = reader;
    }

    @PostMapping("/api/tools/{id}/test")
    ResponseEntity<Object> test(@PathVariable String id, @RequestBody(required = false) JsonNode body, Caller user) {
        ToolWriteController.requireToolId(id);
        ToolTestRequest request = body == null
                ? new ToolTestRequest(Map.of(), null)
                : reader.read(body, ToolTestRequest.class, Map.of(), Set.of(), Set.of("arguments"))
                        .value();
        ToolConfiguration tool = tools.configuration(id, user.organizationId());
        if (request.assistantId() != null) {
            assistants.requireOwned(user.organizationId(), request.assistantId());
        }
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        ToolArguments.check(tool.parameters(), arguments);
        Instant startedAt = clock.instant();
        ToolCaller.Outcome outcome;
        try {
            outcome = caller.call(user.organizationId(), tool, arguments, grants.of(user.organizationId()));
        } catch (RefusedEndpoint refused) {
            throw ApiException.invalid(
                    "endpoint",
                    refused.getMessage() + " (an operator can grant an on-premise range to a tenant that needs one)");
        }
        String executionId = ids.next();
        usage.record(
                UsageRecording.Used.TOOL,
                id,
                user.organizationId(),
                user.actor(),
                List.of(new ToolExecutionRecorded(
                        id,
                        user.organizationId(),
                        executionId,
                        request.assistantId(),
                        outcome.latencyMs(),
                        outcome.success(),
                        outcome.statusCode(),
                        startedAt,
                        true)),
                index -> "occurred_at",
                clock.instant());
        return ResponseEntity.ok(ApiResponse.of(new ToolTestResult(
                executionId,
                outcome.success(),
                outcome.statusCode(),
                outcome.latencyMs(),
                outcome.body(),
                outcome.bodyTruncated(),
                outcome.error())));
    }

    @ExceptionHandler(TestCallSlots.TooManyTestCalls.class)
    ResponseEntity<ApiErrorResponse> busy(TestCallSlots.TooManyTestCalls e) {
        return ResponseEntity.status(e.code().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ErrorResponses.entity(e.code(), e.getMessage(), List.of()).getBody());
    }
}
