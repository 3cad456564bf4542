package io.voicepartner.command.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.command.common.Refusal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

/**
 * Refuses, before it is appended, an event whose Kafka record would be larger than the event contract allows
 * ({@link EventLimits#MAX_EVENT_BYTES}, ADR 0019): a version that freezes tools with large {@code parameters},
 * merge patches that grew a configuration. The record is built as the publisher builds it ({@link EventRecords},
 * the envelope with the largest global position there can be), so what passes here is what Kafka is sent.
 *
 * <p>Axon calls an event bus's dispatch interceptors when the command's unit of work prepares its commit, before
 * the events are appended: the refusal rolls the whole command back (its other events and its lookup rows
 * included) and reaches the client as a {@code 413} naming the part of the event that is too large.
 */
@Component
class EventSizeLimit implements MessageDispatchInterceptor<EventMessage<?>> {

    /** A part of the event is named as the cause while it holds at least this share of its parent (clearly most). */
    private static final double DOMINANT_SHARE = 0.6;

    private final EventRecords records;
    private final ObjectMapper objectMapper;

    EventSizeLimit(EventRecords records, ObjectMapper objectMapper, EventStore eventStore) {
        this.records = records;
        this.objectMapper = objectMapper;
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            if (message instanceof DomainEventMessage<?> domain && message.getPayload() instanceof DomainEvent event) {
                check(event, domain);
            }
            return message;
        };
    }

    private void check(DomainEvent event, DomainEventMessage<?> message) {
        String type = EventCatalogue.of(event.getClass()).name();
        int size;
        try {
            size = records.recordOf(event, message, Long.MAX_VALUE).value().length;
        } catch (JsonProcessingException e) {
            // the edge refuses every value that cannot be written (StorableValues); this is the last line
            throw Refusal.invalid("body", "cannot be recorded: its " + type + " event cannot be written as JSON");
        }
        if (size > EventLimits.MAX_EVENT_BYTES) {
            throw Refusal.tooLarge(
                    "The " + type + " event this request would record is " + size + " bytes as a "
                            + "Kafka record, over the limit of " + EventLimits.MAX_EVENT_BYTES
                            + " bytes; nothing was recorded.",
                    causes(event, size));
        }
    }

    /**
     * The part of the event that makes it too large: from the event's data down, as long as one member holds
     * clearly most of its parent ({@code configuration.tools}, {@code configuration.capabilities.notes}); then that
     * part's largest members, each with its size.
     */
    private List<FieldError> causes(DomainEvent event, int size) {
        JsonNode node = objectMapper.valueToTree(event);
        String path = "";
        while (node.isContainerNode()) {
            Member largest = largestMember(node, path);
            if (largest == null || largest.bytes() < DOMINANT_SHARE * bytes(node)) {
                break;
            }
            node = largest.value();
            path = largest.path();
        }
        List<FieldError> causes = new ArrayList<>();
        causes.add(new FieldError(
                path.isEmpty() ? "data" : path,
                "is " + bytes(node) + " bytes of the event's " + size + "; an event may be at most "
                        + EventLimits.MAX_EVENT_BYTES + " bytes"));
        if (node.isContainerNode()) {
            members(node, path).stream()
                    .sorted((a, b) -> Integer.compare(b.bytes(), a.bytes()))
                    .limit(5)
                    .forEach(member -> causes.add(new FieldError(member.path(), "is " + member.bytes() + " bytes")));
        }
        return causes;
    }

    private record Member(String path, JsonNode value, int bytes) {}

    private Member largestMember(JsonNode node, String path) {
        return members(node, path).stream()
                .max((a, b) -> Integer.compare(a.bytes(), b.bytes()))
                .orElse(null);
    }

    private List<Member> members(JsonNode node, String path) {
        List<Member> members = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                members.add(new Member(path + "[" + i + "]", node.get(i), bytes(node.get(i))));
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String named = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                members.add(new Member(named, field.getValue(), bytes(field.getValue())));
            }
        }
        return members;
    }

    private int bytes(JsonNode node) {
        try {
            return objectMapper.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return 0;
        }
    }
}
