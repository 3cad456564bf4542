package io.voicepartner.api.phonenumber;

import java.util.Set;

/** JSON Merge Patch of a phone number, as {@code UpdateAssistant}. */
public record UpdatePhoneNumber(
        String phoneNumberId,
        String ownerId,
        Long expectedRevision,
        PhoneNumberConfiguration changes,
        Set<PhoneNumberField> changedFields)
        implements PhoneNumberCommand {

    public UpdatePhoneNumber {
        changedFields = Set.copyOf(changedFields);
    }
}
