package io.voicepartner.command.phonenumber;

import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_ID;
import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_VERSION;
import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.BOOKINGS;
import static io.voicepartner.command.phonenumber.Configurations.FRONT_DESK;
import static io.voicepartner.command.phonenumber.Configurations.with;
import static io.voicepartner.command.phonenumber.Patch.set;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.phonenumber.CreatePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pinning a phone number to a published version of its assistant, and what un-pins it. */
class PhoneNumberPinningTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final Long LATEST = null;
    private static final PhoneNumberConfiguration PINNED_TO_ONE = with(BERLIN_HOTLINE, ASSISTANT_VERSION, 1);

    private FixtureConfiguration<PhoneNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(
                new Lookups().assistantOf(OWNER, FRONT_DESK, BOOKINGS).published(FRONT_DESK, 1, 2));
    }

    @Test
    void createsANumberPinnedToAPublishedVersion() {
        fixture.givenNoPriorActivity()
                .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, PINNED_TO_ONE))
                .expectEvents(new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, PINNED_TO_ONE));
    }

    @Test
    void refusesToPinToAVersionTheAssistantHasNotPublished() {
        fixture.givenNoPriorActivity()
                .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, with(BERLIN_HOTLINE, ASSISTANT_VERSION, 3)))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void refusesToPinANumberOfAnAssistantWithoutVersions() {
        fixture.given(created(BERLIN_HOTLINE))
                .when(update(set(ASSISTANT_ID, BOOKINGS).and(ASSISTANT_VERSION, 1)))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void refusesAVersionWithoutAnAssistant() {
        fixture.given(created(BERLIN_HOTLINE))
                .when(update(set(ASSISTANT_ID, null).and(ASSISTANT_VERSION, 1)))
                .expectException(refusal(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void pinsAndUnpinsAnExistingNumber() {
        fixture.given(created(BERLIN_HOTLINE))
                .when(update(set(ASSISTANT_VERSION, 2)))
                .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_VERSION, 2), ASSISTANT_VERSION));
        fixture.given(created(PINNED_TO_ONE))
                .when(update(set(ASSISTANT_VERSION, null)))
                .expectEvents(updated(BERLIN_HOTLINE, ASSISTANT_VERSION));
    }

    @Test
    void anotherAssistantIsFollowedAtItsLatestVersion() {
        fixture.given(created(PINNED_TO_ONE))
                .when(update(set(ASSISTANT_ID, BOOKINGS)))
                .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_ID, BOOKINGS), ASSISTANT_ID, ASSISTANT_VERSION));
    }

    @Test
    void aDeletedAssistantTakesThePinWithIt() {
        fixture.given(created(PINNED_TO_ONE))
                .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_ID, null), ASSISTANT_ID, ASSISTANT_VERSION));
    }

    private static PhoneNumberCreated created(PhoneNumberConfiguration configuration) {
        return new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, configuration);
    }

    private static PhoneNumberUpdated updated(PhoneNumberConfiguration configuration, PhoneNumberField... changed) {
        return new PhoneNumberUpdated(PHONE_NUMBER_ID, OWNER, configuration, Set.copyOf(List.of(changed)));
    }

    private static UpdatePhoneNumber update(Patch patch) {
        return new UpdatePhoneNumber(PHONE_NUMBER_ID, OWNER, LATEST, patch.changes(), patch.fields());
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
