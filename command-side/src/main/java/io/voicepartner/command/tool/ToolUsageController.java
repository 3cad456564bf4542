package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.usage.UsageRecording;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.UsageBatches;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the voice runtime reports about a tool's calls: one execution, or a JSON array of them recorded in one
 * append outside the tool's stream (ADR 0017). Answers {@code 202} with how many were recorded and how many had
 * been before: the executions are listed, and counted on the tool, once the read model has them.
 */
@Requires(Permission.WRITE_USAGE)
@RestController
class ToolUsageController {

    private final UsageRecording recording;
    private final Ids ids;
    private final UsageBatches batches;
    private final Clock clock = Clock.systemUTC();

    ToolUsageController(UsageRecording recording, Ids ids, UsageBatches batches) {
        this.recording = recording;
        this.ids = ids;
        this.batches = batches;
    }

    @PostMapping(path = "/api/tools/{id}/executions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<UsageRecording.Recorded>> report(
            @PathVariable String id, @RequestBody JsonNode body, Caller caller) {
        ToolWriteController.requireToolId(id);
        UsageBatches.Batch<ToolExecutionRequest> batch =
                batches.read(body, ToolExecutionRequest.class, ToolExecutionRequest.REQUIRED);
        Instant receivedAt = clock.instant();
        List<ToolExecutionRecorded> executions = batch.items().stream()
                .map(item -> execution(id, caller.organizationId(), item, receivedAt))
                .toList();
        UsageRecording.Recorded recorded = recording.record(
                UsageRecording.Used.TOOL,
                id,
                caller.organizationId(),
                caller.actor(),
                executions,
                index -> batch.field(index, "occurred_at"),
                receivedAt);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(recorded));
    }

    private ToolExecutionRecorded execution(String toolId, String ownerId, ToolExecutionRequest r, Instant receivedAt) {
        return new ToolExecutionRecorded(
                toolId,
                ownerId,
                r.executionId() == null ? ids.next() : r.executionId(),
                r.assistantId(),
                r.durationMs(),
                r.success(),
                r.statusCode(),
                r.occurredAt() == null ? receivedAt : r.occurredAt(),
                false);
    }
}
