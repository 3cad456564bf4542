package io.voicepartner.api.phonenumber;

public record DeletePhoneNumber(String phoneNumberId, String ownerId, Long expectedRevision)
        implements PhoneNumberCommand {}
