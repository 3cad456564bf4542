package io.voicepartner.api.phonenumber;

/**
 * Sent by the platform, not a user: the assistant a number reached was deleted. A no-op if the number
 * has since been given another assistant.
 */
public record UnassignPhoneNumber(String phoneNumberId, String assistantId) implements PhoneNumberCommand {}
