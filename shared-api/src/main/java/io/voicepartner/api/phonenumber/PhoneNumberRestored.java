package io.voicepartner.api.phonenumber;

/**
 * A released phone number was brought back, with its E.164 number claimed again.
 *
 * @param configuration as it was, but {@code assistantId} cleared if that assistant no longer exists
 */
public record PhoneNumberRestored(String phoneNumberId, String ownerId, PhoneNumberConfiguration configuration)
        implements PhoneNumberEvent {}
