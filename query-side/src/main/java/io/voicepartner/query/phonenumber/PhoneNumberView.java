package io.voicepartner.query.phonenumber;

import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;

import java.time.Instant;
import java.util.Map;

/**
 * A phone number as the API serves it. {@code usage}, {@code purchased_at} and {@code last_used} are the
 * platform's; {@code monthly_price} is a decimal string, never a JSON number.
 */
public record PhoneNumberView(
        String id,
        String ownerId,
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
        Map<String, Object> usage,
        Instant purchasedAt,
        Instant lastUsed,
        long revision,
        Instant createdAt,
        Instant updatedAt) {
}
