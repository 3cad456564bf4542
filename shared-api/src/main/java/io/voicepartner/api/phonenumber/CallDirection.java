package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** Which way a call went through a phone number. */
public enum CallDirection {
    INBOUND,
    OUTBOUND;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CallDirection fromWireName(String value) {
        return WireNames.parse(CallDirection.class, value, CallDirection::wireName);
    }
}
