package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample assistant configurations and copies of them with one field changed. A copy is built through the
 * record's own components, found by the field's wire name, so that expectations never share the
 * field-by-field mapping of the code under test.
 */
final class Configurations {

    static final AssistantConfiguration SUPPORT_BOT = new AssistantConfiguration(
            "Support bot",
            "Answers the hotline",
            "You are a patient support agent.",
            "openai",
            "gpt-4o",
            0.7,
            1024,
            "elevenlabs",
            "voice-anna",
            1.0,
            1.0,
            0.5,
            "de-DE",
            "en-US",
            "Hallo, wie kann ich helfen?",
            0.5,
            2.0,
            0.2,
            AssistantStatus.DRAFT,
            true,
            Map.of("transfer", Map.of("enabled", true, "number", "+49301234567"), "recording", false));

    /** A configuration with every field unset: what an update carries for the fields it does not name. */
    static final AssistantConfiguration NOTHING = new AssistantConfiguration(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    private static final RecordComponent[] COMPONENTS = AssistantConfiguration.class.getRecordComponents();

    private Configurations() {}

    static AssistantConfiguration with(AssistantConfiguration base, AssistantField field, Object value) {
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
            return AssistantConfiguration.class.getDeclaredConstructor(types).newInstance(values);
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

    private static String componentName(AssistantField field) {
        List<String> words = List.of(field.wireName().split("_"));
        StringBuilder name = new StringBuilder(words.get(0));
        words.subList(1, words.size())
                .forEach(word ->
                        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)));
        String component = name.toString();
        if (Arrays.stream(COMPONENTS).noneMatch(c -> c.getName().equals(component))) {
            throw new IllegalArgumentException(field + " names no component of AssistantConfiguration");
        }
        return component;
    }
}
