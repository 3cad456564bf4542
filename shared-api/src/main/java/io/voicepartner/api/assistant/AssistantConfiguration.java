package io.voicepartner.api.assistant;

import java.util.Map;

/**
 * Everything a user configures on an assistant. Optional fields are {@code null} when unset;
 * {@code capabilities} is a free-form JSON object.
 */
public record AssistantConfiguration(
        String name,
        String description,
        String systemPrompt,
        String llmProvider,
        String llmModel,
        Double temperature,
        Integer maxTokens,
        String voiceProvider,
        String voiceId,
        Double voiceSpeed,
        Double voicePitch,
        Double voiceStability,
        String language,
        String fallbackLanguage,
        String firstMessage,
        Double interruptionSensitivity,
        Double silenceTimeout,
        Double responseDelay,
        AssistantStatus status,
        Boolean isActive,
        Map<String, Object> capabilities) {

    public static final String DEFAULT_LANGUAGE = "de-DE";
}
