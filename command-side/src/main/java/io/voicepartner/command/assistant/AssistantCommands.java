package io.voicepartner.command.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.CloneAssistant;
import io.voicepartner.api.assistant.CloneSource;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.UpdateAssistant;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.command.web.JsonRequestReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * An assistant write's body as the command it asks for, read and checked as the assistant routes take it. The
 * routes and the configuration's apply make their commands here alike.
 */
@Component
public class AssistantCommands {

    private static final Set<String> NOT_NULL = Set.of("name", "status", "is_active", "language");
    private static final Map<String, String> RELATIONS_ON_UPDATE = Map.of(
            "tool_ids", "can only be changed through /api/assistants/{id}/tools",
            "file_ids", "can only be changed through /api/assistants/{id}/files");

    private static final String COPY = " (copy)";

    private final JsonRequestReader reader;

    AssistantCommands(JsonRequestReader reader) {
        this.reader = reader;
    }

    /** @throws io.voicepartner.support.web.ApiException naming every field the body gets wrong */
    public CreateAssistant create(String id, String organizationId, JsonNode body) {
        AssistantRequest request = reader.read(body, AssistantRequest.class, Map.of(), Set.of("name"), NOT_NULL)
                .value();
        List<String> toolIds = request.toolIds() == null ? List.of() : request.toolIds();
        List<String> fileIds = request.fileIds() == null ? List.of() : request.fileIds();
        return new CreateAssistant(id, organizationId, newConfiguration(request), toolIds, fileIds);
    }

    /** AssistantCreated, then ToolsAssigned if it has tools, then FilesAssigned if it has files. */
    public static long revisionAfter(CreateAssistant command) {
        return 1L + (command.toolIds().isEmpty() ? 0 : 1) + (command.fileIds().isEmpty() ? 0 : 1);
    }

    /** @param body {@code {name?, version?}}, both optional; {@code null} (no body) is the same as {@code {}} */
    CloneRequest cloneRequest(JsonNode body) {
        JsonNode sent = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
        return reader.read(sent, CloneRequest.class, Map.of(), Set.of(), Set.of("name", "version"))
                .value();
    }

    /** The copy of what the source answered, under the name asked for or the source's with " (copy)". */
    static CloneAssistant clone(String id, String organizationId, CloneSource source, String name) {
        String sourceName = source.configuration().name();
        String copyName = name != null
                ? name
                : sourceName.length() + COPY.length() <= EventLimits.NAME ? sourceName + COPY : sourceName;
        AssistantConfiguration named = ConfigurationMerge.merge(
                source.configuration(),
                new AssistantConfiguration(
                        copyName, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null),
                Set.of(AssistantField.NAME));
        return new CloneAssistant(id, organizationId, named, source.toolIds(), source.files(), source.clonedFrom());
    }

    /**
     * AssistantCreated, then ToolsAssigned if it has tools, FilesAssigned if it has files and one
     * FileAssignmentConfigured for each file whose assignment has a configuration.
     */
    static long revisionAfter(CloneAssistant command) {
        return 1L
                + (command.toolIds().isEmpty() ? 0 : 1)
                + (command.files().isEmpty() ? 0 : 1)
                + command.files().values().stream()
                        .filter(config -> !config.isEmpty())
                        .count();
    }

    /** @param body a JSON Merge Patch of the assistant's fields (its tools and files have their own commands) */
    public UpdateAssistant update(String id, String organizationId, Long expectedRevision, JsonNode body) {
        JsonRequestReader.Sent<AssistantRequest> sent =
                reader.read(body, AssistantRequest.class, RELATIONS_ON_UPDATE, Set.of(), NOT_NULL);
        Set<AssistantField> changed =
                sent.fields().stream().map(AssistantField::fromWireName).collect(Collectors.toUnmodifiableSet());
        return new UpdateAssistant(id, organizationId, expectedRevision, configurationOf(sent.value()), changed);
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
}
