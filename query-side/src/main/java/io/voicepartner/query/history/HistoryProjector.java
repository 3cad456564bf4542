package io.voicepartner.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps {@code query.history} for one aggregate type: each event becomes a row with what it changed and the
 * resource's state after it. A feature says what its events do to that state ({@link #after}); the state is
 * shaped like the feature's read view and never holds a credential but masked, so neither do the changes.
 * An event already recorded (a redelivery) changes nothing.
 */
public abstract class HistoryProjector implements Projector {

    private final HistoryRows rows;
    private final ObjectMapper objectMapper;

    protected HistoryProjector(HistoryRows rows, ObjectMapper objectMapper) {
        this.rows = rows;
        this.objectMapper = objectMapper;
    }

    /**
     * @param state the resource's fields before the event (a copy, free to change; empty before the first)
     * @return its fields after the event, named as its read view names them
     */
    protected abstract ObjectNode after(ObjectNode state, DomainEvent event);

    /** Whether the event deleted the resource: at that point in time it does not exist. */
    protected abstract boolean deletes(DomainEvent event);

    /**
     * Nothing to check here: the resource's own projector applies the same event in the same transaction
     * and refuses one that would skip a revision, which rolls the history's row back with its own.
     */
    @Override
    public final OptionalLong revisionOf(String aggregateId) {
        return OptionalLong.empty();
    }

    /** One history for every aggregate type: rebuilt as a whole, not with each type's own read model. */
    @Override
    public final ReadModel readModel() {
        return ReadModel.HISTORY;
    }

    /**
     * Whether the event is part of the resource's history at all: every event but the legacy usage still in some
     * streams (ADR 0017), which changes no configuration. An event left out keeps its revision; the history then
     * skips that number.
     */
    protected boolean inHistory(DomainEvent event) {
        return true;
    }

    /**
     * Fields the event says it changed though their shown values may be equal: a credential replaced by one
     * with the same last four characters still shows as a change (masked on both sides).
     */
    protected Set<String> namedChanges(DomainEvent event) {
        return Set.of();
    }

    /** A value as JSON in the platform's conventions (snake_case names, enums by wire name). */
    protected final JsonNode tree(Object value) {
        return value == null ? NullNode.getInstance() : objectMapper.valueToTree(value);
    }

    @Override
    public final void apply(EventEnvelope envelope) {
        String id = envelope.aggregateId();
        DomainEvent event = (DomainEvent) envelope.data();
        if (!inHistory(event)) {
            return;
        }
        // a redelivery is found by the insert itself, which the primary key makes a no-op: no read before it
        Optional<ObjectNode> previous = rows.stateBefore(id, envelope.revision());
        ObjectNode before = previous.orElseGet(objectMapper::createObjectNode);
        ObjectNode after = after(before.deepCopy(), event);
        rows.insert(new HistoryRows.Row(
                aggregateType(),
                id,
                envelope.revision(),
                envelope.ownerId(),
                envelope.type(),
                envelope.occurredAt(),
                envelope.actor(),
                changes(before, after, namedChanges(event)),
                after,
                deletes(event),
                previous.isEmpty()));
    }

    private Map<String, HistoryEntry.Change> changes(ObjectNode before, ObjectNode after, Set<String> named) {
        Set<String> fields = new LinkedHashSet<>();
        after.fieldNames().forEachRemaining(fields::add);
        before.fieldNames().forEachRemaining(fields::add);
        Map<String, HistoryEntry.Change> changes = new LinkedHashMap<>();
        for (Iterator<String> names = fields.iterator(); names.hasNext(); ) {
            String field = names.next();
            JsonNode from = before.path(field);
            JsonNode to = after.path(field);
            if (!from.equals(to) || named.contains(field)) {
                changes.put(field, new HistoryEntry.Change(plain(from), plain(to)));
            }
        }
        return changes;
    }

    private Object plain(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : objectMapper.convertValue(node, Object.class);
    }
}
