package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** Who carries a phone number. */
public enum PhoneNumberProvider {
    TWILIO,
    VONAGE,
    TELNYX,
    SIP,
    OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PhoneNumberProvider fromWireName(String value) {
        return WireNames.parse(PhoneNumberProvider.class, value, PhoneNumberProvider::wireName);
    }
}
