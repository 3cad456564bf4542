package io.voicepartner.api.assistant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an assistant is in its life: new ones are drafts. */
public enum AssistantStatus {
    DRAFT, TESTING, DEPLOYED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AssistantStatus fromWireName(String value) {
        for (AssistantStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of draft, testing, deployed");
    }
}
