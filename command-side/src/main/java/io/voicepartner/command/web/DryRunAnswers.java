package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.support.security.Caller;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer to a dry run (ADR 0037): {@code data}, the resource as its read would show it after the write, and
 * {@code changes}, the events the write would record, in order, each with its type, resource, revision and data as
 * the event carries it (credentials masked as a read masks them). Nothing was stored, so no read can show the write:
 * {@code data} is the resource as its read shows it now (nothing for a create), with what the events carry merged in
 * as the read models merge it: a configuration replaces the fields it names, a field the read shows (a description,
 * a name) its own; relations (an assistant's tools and files) are in {@code changes} only, since their read needs
 * the related resources' names. A deletion answers as a deletion does, with {@code changes}.
 */
@Component
class DryRunAnswers {

    /** What a dry run answers. */
    record DryRunAnswer(Object data, List<Change> changes) {}

    /** One event the write would record. */
    record Change(String type, String resourceId, long revision, JsonNode data) {}

    private static final String CONFIGURATION = "configuration";

    private final ReadYourWrites readYourWrites;
    private final ObjectMapper objectMapper;

    DryRunAnswers(ReadYourWrites readYourWrites, ObjectMapper objectMapper) {
        this.readYourWrites = readYourWrites;
        this.objectMapper = objectMapper;
    }

    /**
     * @param revision the revision the resource would be at, as the command answered it
     * @param deleted  whether the write deletes the resource (or removes a part, which answers the same)
     * @param mayRead  whether the caller may read the resource (an API key without {@code config:read} may not): if
     *                 not, {@code data} holds only what the events carry
     */
    ResponseEntity<Object> answer(
            HttpStatus status,
            String location,
            String id,
            long revision,
            boolean deleted,
            boolean mayRead,
            Caller caller,
            String authorization) {
        List<Change> changes = WouldBe.events().stream().map(this::change).toList();
        long before = revision
                - changes.stream()
                        .filter(change -> change.resourceId().equals(id))
                        .count();
        if (deleted) {
            return ResponseEntity.status(status)
                    .body(new DryRunAnswer(new WriteResponses.Deleted(id, true, revision), changes));
        }
        boolean created = before == 0;
        ObjectNode resource = mayRead
                        && !created
                        && readYourWrites.await(location, before, caller, authorization)
                                instanceof ReadYourWrites.Outcome.Visible visible
                ? objectMapper.valueToTree(visible.resource())
                : objectMapper.createObjectNode().put("id", id);
        changes.stream()
                .filter(change -> change.resourceId().equals(id))
                .forEach(change -> merge(resource, change.data(), created));
        resource.put("revision", revision);
        return ResponseEntity.status(status).body(new DryRunAnswer(resource, changes));
    }

    private Change change(EventMessage<?> message) {
        DomainEvent event = (DomainEvent) message.getPayload();
        long revision = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() + 1 : 0;
        return new Change(
                EventCatalogue.of(event.getClass()).name(),
                event.aggregateId(),
                revision,
                masked(objectMapper.valueToTree(event)));
    }

    /**
     * A configuration's fields, and of the event's own fields those the read shows (a description, a name; every one
     * but ids, owners and lists of related ids for a resource the write creates, which no read shows yet): what the
     * event says of other things (a version's number, which fields changed) is not the resource's.
     */
    private static void merge(ObjectNode resource, JsonNode data, boolean created) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals(CONFIGURATION) && field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(set -> resource.set(set.getKey(), set.getValue()));
            } else if (resource.has(name)
                    || (created && !name.endsWith("_id") && !name.endsWith("_ids") && !name.endsWith("_by"))) {
                resource.set(name, field.getValue());
            }
        }
    }

    /** A credential ({@code SecretValue}: ciphertext and last four) as a read shows it: masked. */
    private static JsonNode masked(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("ciphertext") && object.has("last_four") && object.size() == 2) {
                return object.textNode("••••" + object.path("last_four").asText());
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, masked(object.get(name))));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, masked(array.get(i)));
            }
        }
        return node;
    }
}
