package io.voicepartner.api.phonenumber;

public record PhoneNumberCreated(String phoneNumberId, String ownerId, PhoneNumberConfiguration configuration)
        implements PhoneNumberEvent {}
