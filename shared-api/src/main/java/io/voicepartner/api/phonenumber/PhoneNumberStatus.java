package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

public enum PhoneNumberStatus {
    ACTIVE,
    INACTIVE,
    RELEASED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PhoneNumberStatus fromWireName(String value) {
        return WireNames.parse(PhoneNumberStatus.class, value, PhoneNumberStatus::wireName);
    }
}
