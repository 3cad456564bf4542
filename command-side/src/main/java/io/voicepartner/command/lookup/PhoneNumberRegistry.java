package io.voicepartner.command.lookup;

/** The platform-wide register of E.164 numbers in use. */
public interface PhoneNumberRegistry {

    /**
     * @param phoneNumberId the resource that wants the number (it may keep its own)
     * @throws io.voicepartner.command.common.Refusal CONFLICT naming the number if another resource has it
     */
    void requireAvailable(String phoneNumber, String phoneNumberId);
}
