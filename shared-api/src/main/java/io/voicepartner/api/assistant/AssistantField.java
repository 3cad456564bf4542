package io.voicepartner.api.assistant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The configurable fields of an assistant, by their wire name: what an update names as changed. */
public enum AssistantField {
    NAME,
    DESCRIPTION,
    SYSTEM_PROMPT,
    LLM_PROVIDER,
    LLM_MODEL,
    TEMPERATURE,
    MAX_TOKENS,
    VOICE_PROVIDER,
    VOICE_ID,
    VOICE_SPEED,
    VOICE_PITCH,
    VOICE_STABILITY,
    LANGUAGE,
    FALLBACK_LANGUAGE,
    FIRST_MESSAGE,
    INTERRUPTION_SENSITIVITY,
    SILENCE_TIMEOUT,
    RESPONSE_DELAY,
    STATUS,
    IS_ACTIVE,
    CAPABILITIES;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AssistantField fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
