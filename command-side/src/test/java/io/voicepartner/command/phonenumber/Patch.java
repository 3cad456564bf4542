package io.voicepartner.command.phonenumber;

import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** An update as the write controller sends it: the fields it names, each with its new value ({@code null} clears it). */
final class Patch {

    private final Map<PhoneNumberField, Object> values = new EnumMap<>(PhoneNumberField.class);

    private Patch() {}

    static Patch set(PhoneNumberField field, Object value) {
        return new Patch().and(field, value);
    }

    static Patch nothing() {
        return new Patch();
    }

    Patch and(PhoneNumberField field, Object value) {
        values.put(field, value);
        return this;
    }

    Set<PhoneNumberField> fields() {
        return Set.copyOf(values.keySet());
    }

    /** The named fields with their values, every other field unset. */
    PhoneNumberConfiguration changes() {
        PhoneNumberConfiguration changes = Configurations.NOTHING;
        for (Map.Entry<PhoneNumberField, Object> value : values.entrySet()) {
            changes = Configurations.with(changes, value.getKey(), value.getValue());
        }
        return changes;
    }
}
