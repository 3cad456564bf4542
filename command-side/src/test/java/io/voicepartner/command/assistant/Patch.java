package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantField;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** An update as a client sends it: the fields it names, each with its new value ({@code null} clears it). */
final class Patch {

    private final Map<AssistantField, Object> values = new EnumMap<>(AssistantField.class);

    private Patch() {}

    static Patch set(AssistantField field, Object value) {
        return new Patch().and(field, value);
    }

    static Patch nothing() {
        return new Patch();
    }

    Patch and(AssistantField field, Object value) {
        values.put(field, value);
        return this;
    }

    Set<AssistantField> fields() {
        return Set.copyOf(values.keySet());
    }

    /** The named fields with their values, every other field unset, as the write controller builds it. */
    AssistantConfiguration changes() {
        AssistantConfiguration changes = Configurations.NOTHING;
        for (Map.Entry<AssistantField, Object> value : values.entrySet()) {
            changes = Configurations.with(changes, value.getKey(), value.getValue());
        }
        return changes;
    }
}
