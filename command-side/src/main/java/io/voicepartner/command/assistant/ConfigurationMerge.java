package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.command.common.JsonMergePatch;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * JSON Merge Patch (RFC 7396) over an assistant's configuration: the named fields take their new value
 * ({@code null} clears them), every other field is kept, and {@code capabilities} is merged key by key.
 */
final class ConfigurationMerge {

    private ConfigurationMerge() {}

    static AssistantConfiguration merge(
            AssistantConfiguration current, AssistantConfiguration changes, Set<AssistantField> changed) {
        Map<AssistantField, Object> values = fieldsOf(current);
        Map<AssistantField, Object> patch = fieldsOf(changes);
        for (AssistantField field : changed) {
            Object value = field == AssistantField.CAPABILITIES
                    ? JsonMergePatch.merge(current.capabilities(), changes.capabilities())
                    : patch.get(field);
            values.put(field, value);
        }
        return configurationOf(values);
    }

    /** The fields whose value differs between two configurations: what an update really changed. */
    static Set<AssistantField> differences(AssistantConfiguration before, AssistantConfiguration after) {
        Map<AssistantField, Object> old = fieldsOf(before);
        Map<AssistantField, Object> current = fieldsOf(after);
        Set<AssistantField> changed = EnumSet.noneOf(AssistantField.class);
        for (AssistantField field : AssistantField.values()) {
            if (!Objects.equals(old.get(field), current.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private static Map<AssistantField, Object> fieldsOf(AssistantConfiguration c) {
        Map<AssistantField, Object> values = new EnumMap<>(AssistantField.class);
        values.put(AssistantField.NAME, c.name());
        values.put(AssistantField.DESCRIPTION, c.description());
        values.put(AssistantField.SYSTEM_PROMPT, c.systemPrompt());
        values.put(AssistantField.LLM_PROVIDER, c.llmProvider());
        values.put(AssistantField.LLM_MODEL, c.llmModel());
        values.put(AssistantField.TEMPERATURE, c.temperature());
        values.put(AssistantField.MAX_TOKENS, c.maxTokens());
        values.put(AssistantField.VOICE_PROVIDER, c.voiceProvider());
        values.put(AssistantField.VOICE_ID, c.voiceId());
        values.put(AssistantField.VOICE_SPEED, c.voiceSpeed());
        values.put(AssistantField.VOICE_PITCH, c.voicePitch());
        values.put(AssistantField.VOICE_STABILITY, c.voiceStability());
        values.put(AssistantField.LANGUAGE, c.language());
        values.put(AssistantField.FALLBACK_LANGUAGE, c.fallbackLanguage());
        values.put(AssistantField.FIRST_MESSAGE, c.firstMessage());
        values.put(AssistantField.INTERRUPTION_SENSITIVITY, c.interruptionSensitivity());
        values.put(AssistantField.SILENCE_TIMEOUT, c.silenceTimeout());
        values.put(AssistantField.RESPONSE_DELAY, c.responseDelay());
        values.put(AssistantField.STATUS, c.status());
        values.put(AssistantField.IS_ACTIVE, c.isActive());
        values.put(AssistantField.CAPABILITIES, c.capabilities());
        return values;
    }

    @SuppressWarnings("unchecked")
    private static AssistantConfiguration configurationOf(Map<AssistantField, Object> v) {
        return new AssistantConfiguration(
                (String) v.get(AssistantField.NAME),
                (String) v.get(AssistantField.DESCRIPTION),
                (String) v.get(AssistantField.SYSTEM_PROMPT),
                (String) v.get(AssistantField.LLM_PROVIDER),
                (String) v.get(AssistantField.LLM_MODEL),
                (Double) v.get(AssistantField.TEMPERATURE),
                (Integer) v.get(AssistantField.MAX_TOKENS),
                (String) v.get(AssistantField.VOICE_PROVIDER),
                (String) v.get(AssistantField.VOICE_ID),
                (Double) v.get(AssistantField.VOICE_SPEED),
                (Double) v.get(AssistantField.VOICE_PITCH),
                (Double) v.get(AssistantField.VOICE_STABILITY),
                (String) v.get(AssistantField.LANGUAGE),
                (String) v.get(AssistantField.FALLBACK_LANGUAGE),
                (String) v.get(AssistantField.FIRST_MESSAGE),
                (Double) v.get(AssistantField.INTERRUPTION_SENSITIVITY),
                (Double) v.get(AssistantField.SILENCE_TIMEOUT),
                (Double) v.get(AssistantField.RESPONSE_DELAY),
                (AssistantStatus) v.get(AssistantField.STATUS),
                (Boolean) v.get(AssistantField.IS_ACTIVE),
                (Map<String, Object>) v.get(AssistantField.CAPABILITIES));
    }
}
