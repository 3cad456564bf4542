package io.voicepartner.api.phonenumber;

/** Undo a release: the number comes back if nobody else has taken its E.164 number meanwhile. */
public record RestorePhoneNumber(String phoneNumberId, String ownerId) implements PhoneNumberCommand {}
