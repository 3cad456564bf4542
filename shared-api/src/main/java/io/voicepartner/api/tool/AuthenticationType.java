package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a tool's endpoint authenticates the platform's calls. */
public enum AuthenticationType {
    NONE, BEARER, BASIC, API_KEY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AuthenticationType fromWireName(String value) {
        for (AuthenticationType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("must be one of none, bearer, basic, api_key");
    }
}
