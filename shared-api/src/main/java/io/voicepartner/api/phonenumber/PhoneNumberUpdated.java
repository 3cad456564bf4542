package io.voicepartner.api.phonenumber;

import java.util.Set;

/** The whole configuration after the change, and the fields that changed (an unassignment changes {@code assistant_id}). */
public record PhoneNumberUpdated(
        String phoneNumberId,
        String ownerId,
        PhoneNumberConfiguration configuration,
        Set<PhoneNumberField> changedFields)
        implements PhoneNumberEvent {}
