package io.voicepartner.command.tool;

import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.command.common.Refusal;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A tool's current configuration, read from its latest snapshot and the events after it, for the test call:
 * the call is made outside any command (the aggregate decides, it does not do I/O), and the command side never
 * reads the query side.
 */
@Component
class StoredTools {

    private final EventStore eventStore;

    StoredTools(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** @throws Refusal NOT_FOUND if there is no such tool, it was deleted, or it is another user's */
    ToolConfiguration configuration(String toolId, String ownerId) {
        String owner = null;
        ToolConfiguration configuration = null;
        var events = eventStore.readEvents(toolId);
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (payload instanceof Tool snapshot) {
                // the stream starts with the tool's latest snapshot when it has one (ADR 0018)
                owner = snapshot.ownerId();
                configuration = snapshot.deleted() ? null : snapshot.configuration();
            } else if (payload instanceof ToolCreated created) {
                owner = created.ownerId();
                configuration = created.configuration();
            } else if (payload instanceof ToolUpdated updated) {
                configuration = updated.configuration();
            } else if (payload instanceof ToolRestored restored) {
                configuration = restored.configuration();
            } else if (payload instanceof ToolDeleted) {
                configuration = null;
            }
        }
        if (configuration == null || !ownerId.equals(owner)) {
            throw Refusal.notFound("Tool", toolId);
        }
        return configuration;
    }
}
