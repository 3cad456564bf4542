package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.tool.RecordToolExecutions;
import io.voicepartner.api.tool.ToolExecution;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.UsageBatches;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What the voice runtime reports about a tool's calls: one execution, or a JSON array of them recorded in one
 * append. Answers the tool as the next read shows it, with its usage counted.
 */
@RestController
class ToolUsageController {

    private final Commands commands;
    private final Ids ids;
    private final UsageBatches batches;
    private final WriteResponses responses;

    ToolUsageController(Commands commands, Ids ids, UsageBatches batches, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.batches = batches;
        this.responses = responses;
    }

    @PostMapping(path = "/api/tools/{id}/executions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> report(@PathVariable String id, @RequestBody JsonNode body, Caller caller,
                                  @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ToolWriteController.requireToolId(id);
        List<ToolExecution> executions = batches.read(body, ToolExecutionRequest.class, ToolExecutionRequest.REQUIRED,
                ToolExecutionRequest::occurredAt, this::execution);
        long revision = commands.send(new RecordToolExecutions(id, caller.userId(), executions, false), caller.userId());
        return responses.updated("/api/tools/" + id, id, revision, caller, authorization);
    }

    private ToolExecution execution(ToolExecutionRequest r) {
        return new ToolExecution(r.executionId() == null ? ids.next() : r.executionId(), r.durationMs(), r.success(),
                r.statusCode(), r.assistantId(), r.occurredAt());
    }
}
