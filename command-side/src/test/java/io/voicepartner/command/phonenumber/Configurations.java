package io.voicepartner.command.phonenumber;

import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample phone number configurations and copies of them with one field changed. A copy is built through the
 * record's own components, found by the field's wire name, so that expectations never share the
 * field-by-field mapping of the code under test.
 */
final class Configurations {

    static final String FRONT_DESK = "0190f2c4-7d1e-7a3b-9c4d-00000000de5c";
    static final String BOOKINGS = "0190f2c4-7d1e-7a3b-9c4d-0000000b0075";

    static final PhoneNumberConfiguration BERLIN_HOTLINE = new PhoneNumberConfiguration(
            "+49301234567",
            "Berlin hotline",
            Map.of("voice", true, "sms", false),
            "DE",
            "Berlin",
            "Mitte",
            PhoneNumberProvider.TWILIO,
            "1.15",
            "EUR",
            Map.of("recording", Map.of("enabled", true, "retention_days", 30)),
            PhoneNumberStatus.ACTIVE,
            FRONT_DESK,
            null);

    /** A configuration with every field unset: what an update carries for the fields it does not name. */
    static final PhoneNumberConfiguration NOTHING =
            new PhoneNumberConfiguration(null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static final RecordComponent[] COMPONENTS = PhoneNumberConfiguration.class.getRecordComponents();

    private Configurations() {}

    static PhoneNumberConfiguration with(PhoneNumberConfiguration base, PhoneNumberField field, Object value) {
        String component = componentName(field);
        try {
            Object[] values = new Object[COMPONENTS.length];
            for (int i = 0; i < COMPONENTS.length; i++) {
                values[i] = COMPONENTS[i].getName().equals(component)
                        ? value
                        : COMPONENTS[i].getAccessor().invoke(base);
            }
            Class<?>[] types =
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return PhoneNumberConfiguration.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + base, e);
        }
    }

    /** A JSON object as Jackson reads one: insertion-ordered, and a key may hold {@code null}. */
    static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private static String componentName(PhoneNumberField field) {
        List<String> words = List.of(field.wireName().split("_"));
        StringBuilder name = new StringBuilder(words.get(0));
        words.subList(1, words.size())
                .forEach(word ->
                        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)));
        String component = name.toString();
        if (Arrays.stream(COMPONENTS).noneMatch(c -> c.getName().equals(component))) {
            throw new IllegalArgumentException(field + " names no component of PhoneNumberConfiguration");
        }
        return component;
    }
}
