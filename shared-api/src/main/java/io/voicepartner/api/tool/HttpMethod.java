package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the platform calls a tool's endpoint. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE;

    @JsonValue
    public String wireName() {
        return name();
    }

    @JsonCreator
    public static HttpMethod fromWireName(String value) {
        for (HttpMethod method : values()) {
            if (method.name().equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("must be one of GET, POST, PUT, PATCH, DELETE");
    }
}
