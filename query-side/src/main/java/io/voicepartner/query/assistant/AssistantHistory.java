package io.voicepartner.query.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.AssistantVersionRestored;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.query.history.HistoryProjector;
import io.voicepartner.query.history.HistoryRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An assistant's history: its configuration as {@link AssistantView} names it, its tools as
 * {@code tool_ids} and its files as {@code files} (file id → the assignment's configuration), in
 * assignment order. A point-in-time read turns the last two into the view's {@code tools} and {@code files}.
 */
@Component
class AssistantHistory extends HistoryProjector {

    static final String TOOL_IDS = "tool_ids";
    static final String FILES = "files";
    /**
     * Where a clone came from: in its first entry only, so that its history starts there. The read view does not
     * show it (an origin is history, not configuration), so a point-in-time read leaves it out.
     */
    static final String CLONED_FROM = "cloned_from";

    AssistantHistory(HistoryRows rows, ObjectMapper objectMapper) {
        super(rows, objectMapper);
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ASSISTANT;
    }

    @Override
    protected ObjectNode after(ObjectNode state, DomainEvent event) {
        if (event instanceof AssistantCreated created) {
            ObjectNode first = withRelations(created.configuration(), List.of(), Map.of());
            if (created.clonedFrom() != null) {
                first.set(CLONED_FROM, tree(created.clonedFrom()));
            }
            return first;
        } else if (event instanceof AssistantUpdated updated) {
            ObjectNode next = (ObjectNode) tree(updated.configuration());
            keepOrigin(state, next);
            next.set(TOOL_IDS, state.withArray(TOOL_IDS));
            next.set(FILES, state.withObject(FILES));
            return next;
        } else if (event instanceof AssistantRestored restored) {
            return keepOrigin(state, withRelations(restored.configuration(), restored.toolIds(), restored.files()));
        } else if (event instanceof ToolsAssigned assigned) {
            ArrayNode tools = state.withArray(TOOL_IDS);
            assigned.toolIds().forEach(tools::add);
        } else if (event instanceof ToolUnassigned unassigned) {
            ArrayNode tools = state.withArray(TOOL_IDS);
            for (int i = tools.size() - 1; i >= 0; i--) {
                if (tools.get(i).asText().equals(unassigned.toolId())) {
                    tools.remove(i);
                }
            }
        } else if (event instanceof FilesAssigned assigned) {
            assigned.fileIds().forEach(fileId -> state.withObject(FILES).putObject(fileId));
        } else if (event instanceof FileAssignmentConfigured configured) {
            state.withObject(FILES).set(configured.fileId(), tree(configured.config()));
        } else if (event instanceof FileUnassigned unassigned) {
            state.withObject(FILES).remove(unassigned.fileId());
        } else if (!(event instanceof AssistantDeleted
                || event instanceof AssistantVersionPublished
                || event instanceof AssistantVersionRestored)) {
            // a version's events leave the state as it was: what restoring one changed came in the events before it
            throw new IllegalArgumentException(
                    "Unhandled assistant event " + event.getClass().getSimpleName());
        }
        return state;
    }

    @Override
    protected boolean deletes(DomainEvent event) {
        return event instanceof AssistantDeleted;
    }

    /** A clone's origin stays in every later state, so that only its first entry names it as a change. */
    private static ObjectNode keepOrigin(ObjectNode before, ObjectNode after) {
        if (before.has(CLONED_FROM)) {
            after.set(CLONED_FROM, before.get(CLONED_FROM));
        }
        return after;
    }

    private ObjectNode withRelations(
            AssistantConfiguration configuration, List<String> toolIds, Map<String, Map<String, Object>> files) {
        ObjectNode state = (ObjectNode) tree(configuration);
        state.set(TOOL_IDS, tree(toolIds));
        state.set(FILES, tree(files));
        return state;
    }
}
