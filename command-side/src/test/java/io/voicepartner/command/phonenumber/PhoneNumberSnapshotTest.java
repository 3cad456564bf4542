package io.voicepartner.command.phonenumber;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;
import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.BOOKINGS;
import static io.voicepartner.command.phonenumber.Configurations.with;

import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A phone number's snapshot holds its configuration, which a restore brings back. */
class PhoneNumberSnapshotTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";

    @Test
    void keepsAReleasedNumberWithItsAssistantAndPin() {
        PhoneNumber number = sourcedFrom(
                PhoneNumber.class,
                PHONE_NUMBER_ID,
                new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE),
                new PhoneNumberUpdated(
                        PHONE_NUMBER_ID,
                        OWNER,
                        with(
                                with(BERLIN_HOTLINE, PhoneNumberField.ASSISTANT_ID, BOOKINGS),
                                PhoneNumberField.ASSISTANT_VERSION,
                                2),
                        Set.of(PhoneNumberField.ASSISTANT_ID, PhoneNumberField.ASSISTANT_VERSION)),
                new PhoneNumberDeleted(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE.phoneNumber()));

        assertRoundTrips(number);
        assertStoredAsGolden(number);
    }
}
