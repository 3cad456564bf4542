package io.voicepartner.api.phonenumber;

import java.util.Map;

/**
 * Everything a user configures on a phone number.
 *
 * @param phoneNumber  E.164, unique across the platform
 * @param country      ISO 3166-1 alpha-2, consistent with the number
 * @param monthlyPrice a decimal string ({@code "1.15"}), never a binary floating point number
 * @param currency     ISO 4217
 * @param assistantId  the owner's assistant this number reaches, or {@code null}
 * @param assistantVersion the published version of that assistant the number is pinned to, or {@code null}
 *                     when it follows the assistant's latest published version
 */
public record PhoneNumberConfiguration(
        String phoneNumber,
        String friendlyName,
        Map<String, Boolean> capabilities,
        String country,
        String region,
        String locality,
        PhoneNumberProvider provider,
        String monthlyPrice,
        String currency,
        Map<String, Object> configuration,
        PhoneNumberStatus status,
        String assistantId,
        Integer assistantVersion) {}
