package io.voicepartner.command.phonenumber;

import static io.voicepartner.api.phonenumber.PhoneNumberField.FRIENDLY_NAME;
import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.FRONT_DESK;
import static io.voicepartner.command.phonenumber.Configurations.NOTHING;
import static io.voicepartner.command.phonenumber.Configurations.with;

import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls recorded on a phone number's stream before usage left it (ADR 0017): the number loads past them and
 * decides on its configuration as if they were not there, but they keep their places in the revision, which
 * is the stream's. Calls reported now are recorded outside the number ({@code UsageRecording}).
 */
class PhoneNumberUsageTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00Z");

    private FixtureConfiguration<PhoneNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(new Lookups().assistantOf(OWNER, FRONT_DESK));
    }

    @Test
    void legacyCallsLeaveTheConfigurationAsItWas() {
        fixture.given(created(), recorded("c-1"), recorded("c-2"))
                .when(new UpdatePhoneNumber(
                        PHONE_NUMBER_ID, OWNER, 3L, with(NOTHING, FRIENDLY_NAME, "Front line"), Set.of(FRIENDLY_NAME)))
                .expectEvents(new PhoneNumberUpdated(
                        PHONE_NUMBER_ID,
                        OWNER,
                        with(BERLIN_HOTLINE, FRIENDLY_NAME, "Front line"),
                        Set.of(FRIENDLY_NAME)))
                .expectResultMessagePayload(4L);
    }

    @Test
    void legacyCallsKeepTheirPlacesInTheRevisionThatIfMatchNames() {
        fixture.given(created(), recorded("c-1"))
                .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, 1L))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void aNumberWithLegacyCallsIsReleasedWithItsNumber() {
        fixture.given(created(), recorded("c-1"))
                .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, 2L))
                .expectEvents(new PhoneNumberDeleted(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE.phoneNumber()));
    }

    private static PhoneNumberCreated created() {
        return new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE);
    }

    private static CallRecorded recorded(String id) {
        return new CallRecorded(PHONE_NUMBER_ID, OWNER, id, FRONT_DESK, 60, CallDirection.INBOUND, AT);
    }
}
