package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.assistant.CloneAssistant;
import io.voicepartner.api.assistant.CloneSource;
import io.voicepartner.api.assistant.PrepareClone;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cloning an assistant: the source answers what a copy starts with (it decides on its own state whether the caller
 * may see it and whether the version exists), then the copy is created from that, as a create is. Its documentation
 * is the catalogue's ({@code api-reference/assistants.yaml}).
 */
@Requires(Permission.WRITE)
@RestController
class AssistantCloneController {

    private final Commands commands;
    private final Ids ids;
    private final AssistantCommands assistants;
    private final WriteResponses responses;

    AssistantCloneController(Commands commands, Ids ids, AssistantCommands assistants, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.assistants = assistants;
        this.responses = responses;
    }

    @PostMapping("/api/assistants/{id}/clone")
    ResponseEntity<Object> cloneAssistant(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantIds.require(id);
        CloneRequest request = assistants.cloneRequest(body);
        CloneSource source =
                commands.send(new PrepareClone(id, caller.organizationId(), request.version()), caller.actor());
        String cloneId = ids.next();
        CloneAssistant command = AssistantCommands.clone(cloneId, caller.organizationId(), source, request.name());
        commands.send(command, caller.actor());
        return responses.created(
                AssistantIds.location(cloneId),
                cloneId,
                AssistantCommands.revisionAfter(command),
                caller,
                authorization);
    }
}
