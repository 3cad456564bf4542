package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a plan does to one resource.
 *
 * @param desired the resource as the bundle wants it; {@code null} for a deletion
 * @param current the resource as it is; {@code null} for a creation
 * @param changes for an update, each field that changes, in bundle form (credentials as placeholders)
 */
record Step(Kind kind, String ref, Action action, Desired desired, Current current, Map<String, FieldChange> changes) {

    /** A field's value now and as the bundle wants it. */
    record FieldChange(JsonNode from, JsonNode to) {}

    /** Where the resource is in the request, or, for a deletion, which it is. */
    String desiredPath() {
        return desired == null ? kind.wireName() + ":" + ref : desired.path();
    }

    String id() {
        return current == null ? null : current.id();
    }
}
