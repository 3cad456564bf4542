package io.voicepartner.api.phonenumber;

/** @param phoneNumber the E.164 number, free again for anyone */
public record PhoneNumberDeleted(String phoneNumberId, String ownerId, String phoneNumber)
        implements PhoneNumberEvent {}
