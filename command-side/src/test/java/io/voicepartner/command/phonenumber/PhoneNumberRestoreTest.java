package io.voicepartner.command.phonenumber;

import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.FRONT_DESK;
import static io.voicepartner.command.phonenumber.Configurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.RestorePhoneNumber;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Undoing a release: the number comes back as it was, unless its E.164 number was claimed by another phone
 * number meanwhile; an assistant deleted meanwhile is not reached again.
 */
class PhoneNumberRestoreTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OTHER_PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-00000000f00d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";

    private FixtureConfiguration<PhoneNumber> fixtureWith(Lookups lookups) {
        FixtureConfiguration<PhoneNumber> fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(lookups);
        return fixture;
    }

    @Test
    void restoresAReleasedNumberAsItWas() {
        fixtureWith(new Lookups().assistantOf(OWNER, FRONT_DESK))
                .given(created(), released())
                .when(new RestorePhoneNumber(PHONE_NUMBER_ID, OWNER))
                .expectEvents(new PhoneNumberRestored(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE))
                .expectResultMessagePayload(3L);
    }

    @Test
    void refusesToRestoreANumberSomeoneElseHasTakenMeanwhile() {
        fixtureWith(new Lookups()
                        .assistantOf(OWNER, FRONT_DESK)
                        .numberHeldBy(BERLIN_HOTLINE.phoneNumber(), OTHER_PHONE_NUMBER_ID))
                .given(created(), released())
                .when(new RestorePhoneNumber(PHONE_NUMBER_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectExceptionMessage("Phone number " + BERLIN_HOTLINE.phoneNumber() + " is already in use.")
                .expectNoEvents();
    }

    @Test
    void comesBackUnassignedWhenItsAssistantWasDeletedMeanwhile() {
        fixtureWith(new Lookups())
                .given(created(), released())
                .when(new RestorePhoneNumber(PHONE_NUMBER_ID, OWNER))
                .expectEvents(new PhoneNumberRestored(
                        PHONE_NUMBER_ID, OWNER, with(BERLIN_HOTLINE, PhoneNumberField.ASSISTANT_ID, null)));
    }

    @Test
    void refusesToRestoreANumberThatIsNotReleased() {
        fixtureWith(new Lookups().assistantOf(OWNER, FRONT_DESK))
                .given(created())
                .when(new RestorePhoneNumber(PHONE_NUMBER_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAnotherUsersNumber() {
        fixtureWith(new Lookups().assistantOf(OWNER, FRONT_DESK))
                .given(created(), released())
                .when(new RestorePhoneNumber(PHONE_NUMBER_ID, STRANGER))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aReleasedNumberIsNotUnassignedByThePlatform() {
        fixtureWith(new Lookups())
                .given(created(), released())
                .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    private static PhoneNumberCreated created() {
        return new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE);
    }

    private static PhoneNumberDeleted released() {
        return new PhoneNumberDeleted(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE.phoneNumber());
    }

    private static Matcher<Refusal> refusal(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal refusal) {
                return refusal.code();
            }
        };
    }
}
