package io.voicepartner.api.assistant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** Where an assistant is in its life: new ones are drafts. */
public enum AssistantStatus {
    DRAFT,
    TESTING,
    DEPLOYED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AssistantStatus fromWireName(String value) {
        return WireNames.parse(AssistantStatus.class, value, AssistantStatus::wireName);
    }
}
