package io.voicepartner.api.phonenumber;

/** What can be asked of a phone number. */
public sealed interface PhoneNumberCommand
        permits CreatePhoneNumber, UpdatePhoneNumber, DeletePhoneNumber, UnassignPhoneNumber, RestorePhoneNumber {

    String phoneNumberId();
}
