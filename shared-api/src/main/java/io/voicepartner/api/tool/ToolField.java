package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The configurable fields of a tool, by wire name; {@code headers} covers plain and secret headers. */
public enum ToolField {
    NAME,
    DESCRIPTION,
    ENDPOINT,
    METHOD,
    CATEGORY,
    PARAMETERS,
    HEADERS,
    AUTHENTICATION,
    IS_ACTIVE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ToolField fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
