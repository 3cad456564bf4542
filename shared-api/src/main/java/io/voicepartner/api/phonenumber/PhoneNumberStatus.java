package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum PhoneNumberStatus {
    ACTIVE, INACTIVE, RELEASED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static PhoneNumberStatus fromWireName(String value) {
        for (PhoneNumberStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of active, inactive, released");
    }
}
