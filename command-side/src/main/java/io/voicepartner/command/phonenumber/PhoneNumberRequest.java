package io.voicepartner.command.phonenumber;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of a phone number write: the client-writable fields only, each with the shape API.md gives it.
 * {@code monthly_price} is a string because money is never a binary floating point number (a JSON number
 * is refused); the number, its country and the currency are checked by {@link Recognised}.
 */
@Recognised
record PhoneNumberRequest(
        String phoneNumber,
        @Size(max = EventLimits.NAME) String friendlyName,
        Map<@Pattern(regexp = "voice|sms|mms|fax", message = "may only name voice, sms, mms and fax") String, Boolean>
                capabilities,
        String country,
        @Size(max = EventLimits.REGION) String region,
        @Size(max = EventLimits.LOCALITY) String locality,
        PhoneNumberProvider provider,

        @Pattern(
                regexp = "^\\d{1,7}(\\.\\d{1,4})?$",
                message =
                        "must be a decimal string such as \"1.15\", with at most 7 digits before the point and 4 after")
        String monthlyPrice,

        String currency,
        Map<String, Object> configuration,
        PhoneNumberStatus status,
        @Size(max = EventLimits.ID) String assistantId,
        @Min(1) Integer assistantVersion) {}
