package io.voicepartner.command.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.assistant.AssignFiles;
import io.voicepartner.api.assistant.AssignTools;
import io.voicepartner.api.assistant.ConfigureFileAssignment;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.assistant.RestoreAssistant;
import io.voicepartner.api.assistant.UnassignFile;
import io.voicepartner.api.assistant.UnassignTool;
import io.voicepartner.api.file.UpdateFileDescription;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.phonenumber.RestorePhoneNumber;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.command.assistant.AssistantCommands;
import io.voicepartner.command.phonenumber.PhoneNumberCommands;
import io.voicepartner.command.tool.ToolCommands;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a plan through the same commands the resources' routes send, so that each aggregate decides each
 * change as it would decide a route's. Every command of a resource the plan found is sent with the revision the plan
 * saw ({@code If-Match}): a change by someone else meanwhile is refused by the aggregate itself. What was written is
 * remembered with the command that undoes it (a delete for a create, the previous values for an update, a restore for a
 * delete); if any command fails, those are sent, newest first, and the organization is as it was.
 */
@Component
class Applier {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final Commands commands;
    private final Ids ids;
    private final ToolCommands tools;
    private final AssistantCommands assistants;
    private final PhoneNumberCommands phoneNumbers;
    private final StoredCredentials credentials;
    private final ObjectMapper objectMapper;

    Applier(
            Commands commands,
            Ids ids,
            ToolCommands tools,
            AssistantCommands assistants,
            PhoneNumberCommands phoneNumbers,
            StoredCredentials credentials,
            ObjectMapper objectMapper) {
        this.commands = commands;
        this.ids = ids;
        this.tools = tools;
        this.assistants = assistants;
        this.phoneNumbers = phoneNumbers;
        this.credentials = credentials;
        this.objectMapper = objectMapper;
    }

    /** A resource after the apply: its id (a deleted one's too) and what was done to it. */
    record Applied(Kind kind, String ref, String id, Action action) {}

    /** Thrown when a command failed and what was written before it was undone. */
    static final class Compensated extends RuntimeException {
        private final transient Step step;

        Compensated(Step step, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.step = step;
        }

        Step step() {
            return step;
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /** @throws ApiException {@code 400} naming each credential a write would need that the request does not give */
    void requireSecrets(Planner.Planned planned, Map<String, String> secrets) {
        List<FieldError> errors = new ArrayList<>();
        for (Step step : planned.steps()) {
            if (step.kind() != Kind.TOOL || step.action() == Action.DELETE || step.action() == Action.UNCHANGED) {
                continue;
            }
            JsonNode sent = step.action() == Action.CREATE
                    ? ToolSecrets.resolve(step.desired().fields(), secrets, null)
                    : toolPatch(step, secrets);
            sent.fields()
                    .forEachRemaining(field -> ToolSecrets.names(field.getValue())
                            .forEach(name -> errors.add(new FieldError(
                                    "secrets." + name,
                                    "is needed for " + step.desired().path(field.getKey())
                                            + (step.action() == Action.CREATE
                                                    ? ", a new tool's credential"
                                                    : ", which changes")))));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    List<Applied> apply(Planner.Planned planned, Map<String, String> secrets, Caller caller) {
        Map<String, String> refIds = new HashMap<>(planned.ids());
        Map<String, String> stateIds = new HashMap<>();
        planned.state().resources().forEach(current -> stateIds.put(current.ref(), current.id()));
        Deque<Runnable> undo = new ArrayDeque<>();
        List<Applied> applied = new ArrayList<>();
        List<Step> ordered = new ArrayList<>(planned.steps().stream()
                .filter(step -> step.action() != Action.DELETE)
                .toList());
        planned.steps().stream()
                .filter(step -> step.action() == Action.DELETE)
                .sorted(Comparator.<Step, Kind>comparing(Step::kind).reversed())
                .forEach(ordered::add);
        for (Step step : ordered) {
            try {
                String id = switch (step.kind()) {
                    case TOOL -> tool(step, secrets, caller, undo);
                    case FILE -> file(step, caller, undo);
                    case ASSISTANT -> assistant(step, refIds, stateIds, caller, undo);
                    case PHONE_NUMBER -> phoneNumber(step, refIds, stateIds, caller, undo);
                };
                refIds.put(step.ref(), id);
                applied.add(new Applied(step.kind(), step.ref(), id, step.action()));
            } catch (RuntimeException e) {
                compensate(undo);
                throw new Compensated(step, e);
            }
        }
        return applied;
    }

    private void compensate(Deque<Runnable> undo) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                // the rest is still undone: one resource left changed is better than all of them
                log.error("Could not undo a step of a configuration apply", e);
            }
        }
    }

    private String tool(Step step, Map<String, String> secrets, Caller caller, Deque<Runnable> undo) {
        String org = caller.organizationId();
        switch (step.action()) {
            case CREATE -> {
                String id = ids.next();
                send(tools.create(id, org, ToolSecrets.resolve(step.desired().fields(), secrets, null)), caller);
                undo.push(() -> send(new DeleteTool(id, org, null), caller));
                return id;
            }
            case UPDATE -> {
                String id = step.id();
                ToolConfiguration previous = credentials.configuration(id).orElseThrow();
                ObjectNode patch = toolPatch(step, secrets);
                send(tools.update(id, org, step.current().revision(), patch), caller);
                undo.push(() -> send(undoTool(id, org, previous, patch), caller));
                return id;
            }
            case DELETE -> {
                send(new DeleteTool(step.id(), org, step.current().revision()), caller);
                undo.push(() -> send(new RestoreTool(step.id(), org), caller));
                return step.id();
            }
            default -> {
                return step.id();
            }
        }
    }

    /**
     * The changed fields with the request's secrets in place. Headers are merged one by one, so only those that change
     * are sent: a header whose settings differ, or whose secret the request gives.
     */
    private static ObjectNode toolPatch(Step step, Map<String, String> secrets) {
        ObjectNode patch = JSON.objectNode();
        step.changes().forEach((field, change) -> {
            if (!field.equals("headers") || !change.to().isObject()) {
                patch.set(field, ToolSecrets.resolve(change.to(), secrets));
                return;
            }
            ObjectNode headers = patch.putObject("headers");
            change.to().fields().forEachRemaining(header -> {
                JsonNode have = change.from().path(header.getKey());
                boolean settingChanged = !Planner.same(
                        ToolSecrets.canonical(header.getValue()),
                        ToolSecrets.canonical(have.isMissingNode() ? NullNode.instance : have));
                boolean secretGiven =
                        ToolSecrets.names(header.getValue()).stream().anyMatch(secrets::containsKey);
                if (settingChanged || secretGiven) {
                    headers.set(header.getKey(), ToolSecrets.resolve(header.getValue(), secrets));
                }
            });
        });
        return patch;
    }

    /** The tool as it was, credentials in their stored (encrypted) form; headers the apply added are taken away. */
    private static UpdateTool undoTool(String id, String org, ToolConfiguration previous, ObjectNode patch) {
        Map<String, String> headers = new LinkedHashMap<>(previous.headers());
        patch.path("headers").fieldNames().forEachRemaining(name -> {
            if (!previous.headers().containsKey(name)
                    && !previous.secretHeaders().containsKey(name)) {
                headers.put(name, null);
            }
        });
        ToolConfiguration restored = new ToolConfiguration(
                previous.name(),
                previous.description(),
                previous.endpoint(),
                previous.method(),
                previous.category(),
                previous.parameters(),
                headers,
                previous.secretHeaders(),
                previous.authentication(),
                previous.isActive(),
                previous.secretQueryParameters());
        return new UpdateTool(id, org, null, restored, EnumSet.allOf(ToolField.class));
    }

    private String file(Step step, Caller caller, Deque<Runnable> undo) {
        if (step.action() == Action.UPDATE) {
            String org = caller.organizationId();
            Step.FieldChange description = step.changes().get("description");
            send(
                    new UpdateFileDescription(
                            step.id(),
                            org,
                            step.current().revision(),
                            description.to().asText(null)),
                    caller);
            undo.push(() -> send(
                    new UpdateFileDescription(
                            step.id(), org, null, description.from().asText(null)),
                    caller));
        }
        return step.id();
    }

    /**
     * @param refIds   the id of each ref of the bundle, those created so far included
     * @param stateIds the id of each ref of the organization's state, as the plan's {@code from} values name them
     */
    private String assistant(
            Step step, Map<String, String> refIds, Map<String, String> stateIds, Caller caller, Deque<Runnable> undo) {
        String org = caller.organizationId();
        switch (step.action()) {
            case CREATE -> {
                String id = ids.next();
                ObjectNode body = scalars(step.desired().fields(), BundleForm.ASSISTANT_RELATIONS);
                ArrayNode toolIds = body.putArray("tool_ids");
                Planner.toolIds(step.desired().fields().path("tools"), refIds::get)
                        .forEach(toolIds::add);
                Map<String, JsonNode> files =
                        Planner.files(step.desired().fields().path("files"), refIds::get);
                ArrayNode fileIds = body.putArray("file_ids");
                files.keySet().forEach(fileIds::add);
                CreateAssistant command = assistants.create(id, org, body);
                send(command, caller);
                undo.push(() -> send(new DeleteAssistant(id, org, null), caller));
                files.forEach((fileId, config) -> {
                    if (!config.isEmpty()) {
                        send(new ConfigureFileAssignment(id, org, null, fileId, map(config)), caller);
                    }
                });
                return id;
            }
            case UPDATE -> {
                updateAssistant(step, refIds, stateIds, org, caller, undo);
                return step.id();
            }
            case DELETE -> {
                send(new DeleteAssistant(step.id(), org, step.current().revision()), caller);
                undo.push(() -> send(new RestoreAssistant(step.id(), org), caller));
                return step.id();
            }
            default -> {
                return step.id();
            }
        }
    }

    private void updateAssistant(
            Step step,
            Map<String, String> refIds,
            Map<String, String> stateIds,
            String org,
            Caller caller,
            Deque<Runnable> undo) {
        String id = step.id();
        Long expected = step.current().revision();
        ObjectNode patch = JSON.objectNode();
        ObjectNode previous = JSON.objectNode();
        step.changes().forEach((field, change) -> {
            if (!BundleForm.ASSISTANT_RELATIONS.contains(field)) {
                patch.set(field, change.to());
                previous.set(field, undoValue(change.from(), change.to()));
            }
        });
        if (!patch.isEmpty()) {
            expected = send(assistants.update(id, org, expected, patch), caller);
            undo.push(() -> send(assistants.update(id, org, null, previous), caller));
        }
        Step.FieldChange toolChange = step.changes().get("tools");
        if (toolChange != null) {
            Set<String> want = Planner.toolIds(toolChange.to(), refIds::get);
            Set<String> have = Planner.toolIds(toolChange.from(), ref -> stateIds.getOrDefault(ref, ref));
            List<String> added = want.stream().filter(t -> !have.contains(t)).toList();
            if (!added.isEmpty()) {
                expected = send(new AssignTools(id, org, expected, added), caller);
                undo.push(() -> added.forEach(t -> send(new UnassignTool(id, org, null, t), caller)));
            }
            for (String removed : have.stream().filter(t -> !want.contains(t)).toList()) {
                expected = send(new UnassignTool(id, org, expected, removed), caller);
                undo.push(() -> send(new AssignTools(id, org, null, List.of(removed)), caller));
            }
        }
        Step.FieldChange fileChange = step.changes().get("files");
        if (fileChange != null) {
            Map<String, JsonNode> want = Planner.files(fileChange.to(), refIds::get);
            Map<String, JsonNode> have = Planner.files(fileChange.from(), ref -> stateIds.getOrDefault(ref, ref));
            List<String> added =
                    want.keySet().stream().filter(f -> !have.containsKey(f)).toList();
            if (!added.isEmpty()) {
                expected = send(new AssignFiles(id, org, expected, added), caller);
                undo.push(() -> added.forEach(f -> send(new UnassignFile(id, org, null, f), caller)));
            }
            for (Map.Entry<String, JsonNode> file : want.entrySet()) {
                JsonNode before = have.getOrDefault(file.getKey(), JSON.objectNode());
                if (!Planner.same(before, file.getValue())) {
                    expected = send(
                            new ConfigureFileAssignment(id, org, expected, file.getKey(), map(file.getValue())),
                            caller);
                    if (have.containsKey(file.getKey())) {
                        undo.push(() ->
                                send(new ConfigureFileAssignment(id, org, null, file.getKey(), map(before)), caller));
                    }
                }
            }
            for (String removed :
                    have.keySet().stream().filter(f -> !want.containsKey(f)).toList()) {
                JsonNode config = have.get(removed);
                expected = send(new UnassignFile(id, org, expected, removed), caller);
                undo.push(() -> {
                    send(new AssignFiles(id, org, null, List.of(removed)), caller);
                    if (!config.isEmpty()) {
                        send(new ConfigureFileAssignment(id, org, null, removed, map(config)), caller);
                    }
                });
            }
        }
    }

    private String phoneNumber(
            Step step, Map<String, String> refIds, Map<String, String> stateIds, Caller caller, Deque<Runnable> undo) {
        String org = caller.organizationId();
        switch (step.action()) {
            case CREATE -> {
                String id = ids.next();
                ObjectNode body = scalars(step.desired().fields(), BundleForm.PHONE_NUMBER_RELATIONS);
                JsonNode assistant = step.desired().fields().path("assistant");
                if (assistant.isTextual()) {
                    body.put("assistant_id", refIds.get(assistant.asText()));
                    JsonNode version = step.desired().fields().path("assistant_version");
                    if (!version.isMissingNode()) {
                        body.set("assistant_version", version);
                    }
                }
                send(phoneNumbers.create(id, org, body), caller);
                undo.push(() -> send(new DeletePhoneNumber(id, org, null), caller));
                return id;
            }
            case UPDATE -> {
                String id = step.id();
                ObjectNode patch = JSON.objectNode();
                ObjectNode previous = JSON.objectNode();
                step.changes().forEach((field, change) -> {
                    if (field.equals("assistant")) {
                        patch.set(
                                "assistant_id",
                                change.to().isNull()
                                        ? NullNode.instance
                                        : JSON.textNode(refIds.get(change.to().asText())));
                        previous.set(
                                "assistant_id",
                                change.from().isNull()
                                        ? NullNode.instance
                                        : JSON.textNode(
                                                stateIds.get(change.from().asText())));
                        // a number moved to another assistant keeps no pin unless the bundle names one
                        JsonNode version = step.desired().fields().path("assistant_version");
                        if (!version.isMissingNode()) {
                            patch.set("assistant_version", version);
                        }
                        previous.set(
                                "assistant_version", step.current().fields().path("assistant_version"));
                    } else {
                        patch.set(field, change.to());
                        previous.set(field, undoValue(change.from(), change.to()));
                    }
                });
                send(phoneNumbers.update(id, org, step.current().revision(), patch), caller);
                undo.push(() -> send(phoneNumbers.update(id, org, null, previous), caller));
                return id;
            }
            case DELETE -> {
                send(new DeletePhoneNumber(step.id(), org, step.current().revision()), caller);
                undo.push(() -> send(new RestorePhoneNumber(step.id(), org), caller));
                return step.id();
            }
            default -> {
                return step.id();
            }
        }
    }

    /** A field's value to set it back with a merge patch: for an object, the keys the change added are removed. */
    private static JsonNode undoValue(JsonNode from, JsonNode to) {
        if (!from.isObject() || !to.isObject()) {
            return from;
        }
        ObjectNode previous = ((ObjectNode) from).deepCopy();
        to.fieldNames().forEachRemaining(key -> {
            if (!from.has(key)) {
                previous.putNull(key);
            }
        });
        return previous;
    }

    private static ObjectNode scalars(ObjectNode fields, Set<String> relations) {
        ObjectNode scalars = fields.deepCopy();
        scalars.remove(relations);
        return scalars;
    }

    private Map<String, Object> map(JsonNode config) {
        return objectMapper.convertValue(config, OBJECT);
    }

    // the result's type is the command handler's, as with Commands.send
    @SuppressWarnings("TypeParameterUnusedInFormals")
    private <R> R send(Object command, Caller caller) {
        return commands.send(command, caller.actor());
    }
}
