package io.voicepartner.query.phonenumber;

import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A phone number as the API serves it. {@code usage}, {@code purchased_at} and {@code last_used} are the
 * platform's; {@code monthly_price} is a decimal string, never a JSON number.
 *
 * @param assistantVersion the version the number is pinned to, {@code null} when it follows the latest
 * @param answeringVersion the assistant's version that answers calls to the number now, {@code null} while
 *                         the number reaches no assistant or its assistant has published no version
 */
public record PhoneNumberView(
        String id,
        String organizationId,
        String createdBy,
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
        Integer assistantVersion,
        AnsweringVersion answeringVersion,
        Map<String, Object> usage,
        Instant purchasedAt,
        Instant lastUsed,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * @param pinned whether the number is pinned to it, rather than following the latest version
     * @param href   where its frozen configuration is read
     */
    public record AnsweringVersion(int number, boolean pinned, String configHash, String href) {}
}
