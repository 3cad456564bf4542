package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.command.common.Refusal;
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

/**
 * The tool write routes: each maps its request to a command for the caller ({@link ToolCommands}, which encrypts
 * the credentials before any command is sent), and answers what a read shows.
 */
@Requires(Permission.WRITE)
@RestController
class ToolWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Commands commands;
    private final Ids ids;
    private final ToolCommands tools;
    private final WriteResponses responses;

    ToolWriteController(Commands commands, Ids ids, ToolCommands tools, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.tools = tools;
        this.responses = responses;
    }

    @PostMapping(
            path = {"/api/tools", "/api/tools/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String id = ids.next();
        commands.send(tools.create(id, caller.organizationId(), body), caller.actor());
        return responses.created(location(id), id, 1, caller, authorization);
    }

    @RequestMapping(
            path = "/api/tools/{id}",
            method = {RequestMethod.PUT, RequestMethod.PATCH},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        long revision =
                commands.send(tools.update(id, caller.organizationId(), expectedRevision, body), caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/tools/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        long revision = commands.send(
                new DeleteTool(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(location(id), id, revision, caller, authorization);
    }

    /** An id this platform cannot have issued is unknown without asking the event store. */
    static void requireToolId(String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound("Tool", id);
        }
    }

    private static String location(String id) {
        return "/api/tools/" + id;
    }

    /** Undo a deletion: used by no assistant until assigned again. */
    @PostMapping("/api/tools/{id}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        long revision = commands.send(new RestoreTool(id, caller.organizationId()), caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }
}
