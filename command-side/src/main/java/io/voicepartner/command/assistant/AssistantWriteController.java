package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.assistant.RestoreAssistant;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The assistant write routes: each maps its request to a command for the caller, and answers what a read shows. */
@Requires(Permission.WRITE)
@RestController
class AssistantWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Commands commands;
    private final Ids ids;
    private final AssistantCommands assistants;
    private final WriteResponses responses;

    AssistantWriteController(Commands commands, Ids ids, AssistantCommands assistants, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.assistants = assistants;
        this.responses = responses;
    }

    @PostMapping(
            path = {"/api/assistants", "/api/assistants/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String id = ids.next();
        CreateAssistant command = assistants.create(id, caller.organizationId(), body);
        commands.send(command, caller.actor());
        long revision = AssistantCommands.revisionAfter(command);
        return responses.created(AssistantIds.location(id), id, revision, caller, authorization);
    }

    @RequestMapping(
            path = "/api/assistants/{id}",
            method = {RequestMethod.PUT, RequestMethod.PATCH},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        long revision =
                commands.send(assistants.update(id, caller.organizationId(), expectedRevision, body), caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/assistants/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        long revision = commands.send(
                new DeleteAssistant(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(AssistantIds.location(id), id, revision, caller, authorization);
    }

    /** Undo a deletion: its tools and files that still exist. */
    @PostMapping("/api/assistants/{id}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        long revision = commands.send(new RestoreAssistant(id, caller.organizationId()), caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }
}
