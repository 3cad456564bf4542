package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.assistant.AssignFiles;
import io.voicepartner.api.assistant.ConfigureFileAssignment;
import io.voicepartner.api.assistant.UnassignFile;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assigning, configuring and unassigning an assistant's knowledge files. Each answers the assistant as the
 * next read shows it, its {@code files} included; each honours {@code If-Match} on the assistant's revision.
 */
@Requires(Permission.WRITE)
@RestController
class AssistantFilesController {

    private final Commands commands;
    private final JsonRequestReader reader;
    private final WriteResponses responses;

    AssistantFilesController(Commands commands, JsonRequestReader reader, WriteResponses responses) {
        this.commands = commands;
        this.reader = reader;
        this.responses = responses;
    }

    @PostMapping(path = "/api/assistants/{id}/files", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> assign(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        FileAssignmentRequest request = reader.read(
                        body, FileAssignmentRequest.class, Map.of(), Set.of("file_ids"), Set.of())
                .value();
        long revision = commands.send(
                new AssignFiles(id, caller.organizationId(), expectedRevision, request.fileIds()), caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }

    @PutMapping(path = "/api/assistants/{id}/files", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> configure(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        FileConfigurationRequest request = reader.read(
                        body, FileConfigurationRequest.class, Map.of(), Set.of("file_id", "config"), Set.of())
                .value();
        long revision = commands.send(
                new ConfigureFileAssignment(
                        id, caller.organizationId(), expectedRevision, request.fileId(), request.config()),
                caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/assistants/{id}/files")
    ResponseEntity<Object> unassign(
            @PathVariable String id,
            @RequestParam("file_id") String fileId,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        long revision = commands.send(
                new UnassignFile(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch), fileId),
                caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }
}
