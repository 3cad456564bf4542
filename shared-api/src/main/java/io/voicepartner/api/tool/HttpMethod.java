package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;

/** How the platform calls a tool's endpoint. */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE;

    @JsonValue
    public String wireName() {
        return name();
    }

    @JsonCreator
    public static HttpMethod fromWireName(String value) {
        return WireNames.parse(HttpMethod.class, value, HttpMethod::wireName);
    }
}
