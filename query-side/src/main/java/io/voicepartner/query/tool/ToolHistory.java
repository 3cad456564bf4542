package io.voicepartner.query.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.query.history.HistoryProjector;
import io.voicepartner.query.history.HistoryRows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A tool's history, its configuration as {@link ToolView} names it: credentials masked exactly as the API
 * masks them ({@code "••••abcd"}), so that neither the stored state nor the changes ever hold one.
 */
@Component
class ToolHistory extends HistoryProjector {

    ToolHistory(HistoryRows rows, ObjectMapper objectMapper) {
        super(rows, objectMapper);
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.TOOL;
    }

    @Override
    protected ObjectNode after(ObjectNode state, DomainEvent event) {
        if (event instanceof ToolCreated created) {
            return shown(created.configuration());
        } else if (event instanceof ToolUpdated updated) {
            return shown(updated.configuration());
        } else if (event instanceof ToolRestored restored) {
            return shown(restored.configuration());
        } else if (event instanceof ToolDeleted) {
            return state;
        }
        throw new IllegalArgumentException(
                "Unhandled tool event " + event.getClass().getSimpleName());
    }

    /** A legacy execution is usage, not a change of the tool: its history has none (ADR 0017). */
    @Override
    protected boolean inHistory(DomainEvent event) {
        return !(event instanceof ToolExecuted);
    }

    @Override
    protected boolean deletes(DomainEvent event) {
        return event instanceof ToolDeleted;
    }

    /** A replaced credential with the same last four characters is still a change, shown masked on both sides. */
    @Override
    protected Set<String> namedChanges(DomainEvent event) {
        if (event instanceof ToolUpdated updated) {
            return updated.changedFields().stream().map(ToolField::wireName).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    private ObjectNode shown(ToolConfiguration c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", c.name());
        fields.put("description", c.description());
        fields.put("endpoint", c.endpoint());
        fields.put("method", c.method());
        fields.put("category", c.category());
        fields.put("parameters", c.parameters());
        fields.put("headers", ToolRows.headers(c));
        fields.put("authentication", ToolRows.authentication(c.authentication()));
        fields.put("is_active", c.isActive());
        return (ObjectNode) tree(fields);
    }
}
