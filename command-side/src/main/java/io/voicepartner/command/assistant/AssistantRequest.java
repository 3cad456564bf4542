package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of an assistant write: the client-writable fields only, each with the shape API.md gives it. */
record AssistantRequest(
        @Size(max = EventLimits.NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Size(max = 2000) String description,
        @Size(max = 100_000) String systemPrompt,
        @Size(max = EventLimits.PROVIDER) String llmProvider,
        @Size(max = EventLimits.MODEL) String llmModel,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) @Max(32768) Integer maxTokens,
        @Size(max = EventLimits.PROVIDER) String voiceProvider,
        @Size(max = EventLimits.VOICE_ID) String voiceId,
        @DecimalMin("0.25") @DecimalMax("4") Double voiceSpeed,
        @DecimalMin("0.5") @DecimalMax("2") Double voicePitch,
        @DecimalMin("0") @DecimalMax("1") Double voiceStability,

        @Size(max = EventLimits.LANGUAGE_TAG)
        @Pattern(regexp = LANGUAGE_TAG, message = "must be a BCP-47 language tag such as de-DE")
        String language,

        @Size(max = EventLimits.LANGUAGE_TAG)
        @Pattern(regexp = LANGUAGE_TAG, message = "must be a BCP-47 language tag such as en-US")
        String fallbackLanguage,

        @Size(max = 2000) String firstMessage,
        @DecimalMin("0") @DecimalMax("1") Double interruptionSensitivity,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("3600")
        Double silenceTimeout,

        @DecimalMin("0") @DecimalMax("60") Double responseDelay,
        AssistantStatus status,
        Boolean isActive,
        Map<String, Object> capabilities,
        @Size(max = 100) List<@NotBlank @Size(max = EventLimits.ID) String> toolIds,
        @Size(max = 100) List<@NotBlank @Size(max = EventLimits.ID) String> fileIds) {

    static final String LANGUAGE_TAG = "^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})*$";
}
