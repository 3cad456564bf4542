package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.voicepartner.api.assistant.PublishAssistantVersion;
import io.voicepartner.api.assistant.RestoreAssistantVersion;
import io.voicepartner.command.common.Refusal;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishing and restoring an assistant's versions. Publishing answers the version as its read shows it;
 * restoring answers the assistant, whose draft it changed.
 */
@Requires(Permission.WRITE)
@RestController
class AssistantVersionsController {

    private final Commands commands;
    private final JsonRequestReader reader;
    private final WriteResponses responses;

    AssistantVersionsController(Commands commands, JsonRequestReader reader, WriteResponses responses) {
        this.commands = commands;
        this.reader = reader;
        this.responses = responses;
    }

    @Operation(
            summary = "Publish the current configuration as the next version",
            description = "Freezes the assistant's fields (but status) and its tools' and files' configuration as "
                    + "version N+1 and sets the assistant's status to deployed: 201 with the version and its "
                    + "Location. A configuration identical to the latest version's (same config_hash) records "
                    + "nothing and answers that version with 200. With If-Match, publishes only the revision "
                    + "the caller saw (412 otherwise).")
    @PostMapping("/api/assistants/{id}/versions")
    ResponseEntity<Object> publish(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        JsonNode sent = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
        VersionRequest request = reader.read(sent, VersionRequest.class, Map.of(), Set.of(), Set.of())
                .value();
        Published published = commands.send(
                new PublishAssistantVersion(id, caller.organizationId(), expectedRevision, request.note()),
                caller.actor());
        String location = versionLocation(id, published.number());
        return published.recorded()
                ? responses.created(location, id, published.revision(), caller, authorization)
                : responses.updated(location, id, published.revision(), caller, authorization);
    }

    @Operation(
            summary = "Make a version's configuration the current draft",
            description = "Sets the assistant's fields (but status) and its tool and file assignments to the "
                    + "version's, as a new revision; tools and files deleted since are left out. Answers the "
                    + "assistant. Publish again to make it live.")
    @PostMapping("/api/assistants/{id}/versions/{number}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id,
            @PathVariable String number,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        long revision = commands.send(
                new RestoreAssistantVersion(id, caller.organizationId(), expectedRevision, versionNumber(number)),
                caller.actor());
        return responses.updated(AssistantIds.location(id), id, revision, caller, authorization);
    }

    /** Anything but a version number names no version: 404, as on the read side. */
    private static int versionNumber(String number) {
        try {
            int parsed = Integer.parseInt(number);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refusal.notFound("Version", number);
    }

    private static String versionLocation(String id, int number) {
        return AssistantIds.location(id) + "/versions/" + number;
    }
}
