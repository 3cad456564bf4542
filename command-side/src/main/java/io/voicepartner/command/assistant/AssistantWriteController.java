package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.assistant.RestoreAssistant;
import io.voicepartner.api.assistant.UpdateAssistant;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    private static final Set<String> NOT_NULL = Set.of("name", "status", "is_active", "language");
    private static final Map<String, String> RELATIONS_ON_UPDATE = Map.of(
            "tool_ids", "can only be changed through /api/assistants/{id}/tools",
            "file_ids", "can only be changed through /api/assistants/{id}/files");

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;

    AssistantWriteController(Commands commands, Ids ids, JsonRequestReader reader, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
    }

    @PostMapping(
            path = {"/api/assistants", "/api/assistants/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        AssistantRequest request = reader.read(body, AssistantRequest.class, Map.of(), Set.of("name"), NOT_NULL)
                .value();
        String id = ids.next();
        List<String> toolIds = request.toolIds() == null ? List.of() : request.toolIds();
        List<String> fileIds = request.fileIds() == null ? List.of() : request.fileIds();
        commands.send(
                new CreateAssistant(id, caller.organizationId(), newConfiguration(request), toolIds, fileIds),
                caller.actor());
        // AssistantCreated, then ToolsAssigned if it has tools, then FilesAssigned if it has files
        long revision = 1L + (toolIds.isEmpty() ? 0 : 1) + (fileIds.isEmpty() ? 0 : 1);
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
        JsonRequestReader.Sent<AssistantRequest> sent =
                reader.read(body, AssistantRequest.class, RELATIONS_ON_UPDATE, Set.of(), NOT_NULL);
        Set<AssistantField> changed =
                sent.fields().stream().map(AssistantField::fromWireName).collect(Collectors.toUnmodifiableSet());
        long revision = commands.send(
                new UpdateAssistant(
                        id, caller.organizationId(), expectedRevision, configurationOf(sent.value()), changed),
                caller.actor());
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

    private static AssistantConfiguration newConfiguration(AssistantRequest r) {
        return new AssistantConfiguration(
                r.name(),
                r.description(),
                r.systemPrompt(),
                r.llmProvider(),
                r.llmModel(),
                r.temperature(),
                r.maxTokens(),
                r.voiceProvider(),
                r.voiceId(),
                r.voiceSpeed(),
                r.voicePitch(),
                r.voiceStability(),
                r.language() == null ? AssistantConfiguration.DEFAULT_LANGUAGE : r.language(),
                r.fallbackLanguage(),
                r.firstMessage(),
                r.interruptionSensitivity(),
                r.silenceTimeout(),
                r.responseDelay(),
                r.status() == null ? AssistantStatus.DRAFT : r.status(),
                r.isActive() == null ? Boolean.TRUE : r.isActive(),
                r.capabilities() == null ? Map.of() : r.capabilities());
    }

    private static AssistantConfiguration configurationOf(AssistantRequest r) {
        return new AssistantConfiguration(
                r.name(),
                r.description(),
                r.systemPrompt(),
                r.llmProvider(),
                r.llmModel(),
                r.temperature(),
                r.maxTokens(),
                r.voiceProvider(),
                r.voiceId(),
                r.voiceSpeed(),
                r.voicePitch(),
                r.voiceStability(),
                r.language(),
                r.fallbackLanguage(),
                r.firstMessage(),
                r.interruptionSensitivity(),
                r.silenceTimeout(),
                r.responseDelay(),
                r.status(),
                r.isActive(),
                r.capabilities());
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
