package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who carries a phone number. */
public enum PhoneNumberProvider {
    TWILIO, VONAGE, TELNYX, SIP, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static PhoneNumberProvider fromWireName(String value) {
        for (PhoneNumberProvider provider : values()) {
            if (provider.wireName().equals(value)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("must be one of twilio, vonage, telnyx, sip, other");
    }
}
