package io.voicepartner.api.phonenumber;

import io.voicepartner.api.messaging.DomainEvent;

/** What happened to a phone number; published on {@code voicepartner.phone-numbers}. */
public sealed interface PhoneNumberEvent extends DomainEvent
        permits PhoneNumberCreated, PhoneNumberUpdated, PhoneNumberDeleted, CallRecorded, PhoneNumberRestored {

    String phoneNumberId();

    @Override
    default String aggregateId() {
        return phoneNumberId();
    }
}
