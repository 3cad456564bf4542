package io.voicepartner.api.phonenumber;

import java.util.List;

/** Calls reported for a phone number, recorded together: one report is one append, however many it carries. */
public record RecordCalls(String phoneNumberId, String ownerId, List<PhoneCall> calls) implements PhoneNumberCommand {
}
