package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;

/** Which way a call went through a phone number. */
public enum CallDirection {
    INBOUND, OUTBOUND;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static CallDirection fromWireName(String value) {
        return WireNames.parse(CallDirection.class, value, CallDirection::wireName);
    }
}
