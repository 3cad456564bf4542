package io.voicepartner.api.phonenumber;

public record CreatePhoneNumber(String phoneNumberId, String ownerId, PhoneNumberConfiguration configuration)
        implements PhoneNumberCommand {}
