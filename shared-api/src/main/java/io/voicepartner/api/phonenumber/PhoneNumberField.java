package io.voicepartner.api.phonenumber;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum PhoneNumberField {
    PHONE_NUMBER,
    FRIENDLY_NAME,
    CAPABILITIES,
    COUNTRY,
    REGION,
    LOCALITY,
    PROVIDER,
    MONTHLY_PRICE,
    CURRENCY,
    CONFIGURATION,
    STATUS,
    ASSISTANT_ID,
    ASSISTANT_VERSION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PhoneNumberField fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
