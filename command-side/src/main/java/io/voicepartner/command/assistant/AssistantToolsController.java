package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.assistant.AssignTools;
import io.voicepartner.api.assistant.UnassignTool;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assigning and unassigning an assistant's tools. Both answer the assistant as the next read shows it,
 * its {@code tools} included; both honour {@code If-Match} on the assistant's revision.
 */
@Requires(Permission.WRITE)
@RestController
class AssistantToolsController {

    private final Commands commands;
    private final JsonRequestReader reader;
    private final WriteResponses responses;

    AssistantToolsController(Commands commands, JsonRequestReader reader, WriteResponses responses) {
        this.commands = commands;
        this.reader = reader;
        this.responses = responses;
    }

    @PostMapping(path = "/api/assistants/{id}/tools", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> assign(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        ToolAssignmentRequest request = reader.read(
                        body, ToolAssignmentRequest.class, Map.of(), Set.of("tool_ids"), Set.of())
                .value();
        long revision = commands.send(
                new AssignTools(id, caller.organizationId(), expectedRevision, request.toolIds()), caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/assistants/{id}/tools")
    ResponseEntity<Object> unassign(
            @PathVariable String id,
            @RequestParam("tool_id") String toolId,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        long revision = commands.send(
                new UnassignTool(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch), toolId),
                caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }
}
