package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** How a tool's endpoint authenticates the platform's calls. */
public enum AuthenticationType {
    NONE,
    BEARER,
    BASIC,
    API_KEY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AuthenticationType fromWireName(String value) {
        return WireNames.parse(AuthenticationType.class, value, AuthenticationType::wireName);
    }
}
