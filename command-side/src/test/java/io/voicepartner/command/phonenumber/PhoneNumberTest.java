package io.voicepartner.command.phonenumber;

import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_ID;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CAPABILITIES;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CONFIGURATION;
import static io.voicepartner.api.phonenumber.PhoneNumberField.COUNTRY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CURRENCY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.FRIENDLY_NAME;
import static io.voicepartner.api.phonenumber.PhoneNumberField.LOCALITY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.MONTHLY_PRICE;
import static io.voicepartner.api.phonenumber.PhoneNumberField.PHONE_NUMBER;
import static io.voicepartner.api.phonenumber.PhoneNumberField.STATUS;
import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.BOOKINGS;
import static io.voicepartner.command.phonenumber.Configurations.FRONT_DESK;
import static io.voicepartner.command.phonenumber.Configurations.json;
import static io.voicepartner.command.phonenumber.Configurations.with;
import static io.voicepartner.command.phonenumber.Patch.nothing;
import static io.voicepartner.command.phonenumber.Patch.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.phonenumber.CreatePhoneNumber;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a phone number decides: given its history and the platform around it, a command is recorded or refused. */
class PhoneNumberTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OTHER_PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-00000000f00d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String STRANGERS_ASSISTANT = "0190f2c4-7d1e-7a3b-9c4d-000000000bad";
    private static final String HAMBURG = "+49407654321";
    /** No {@code If-Match} header: the write applies to whatever revision is current. */
    private static final Long LATEST = null;

    private FixtureConfiguration<PhoneNumber> fixture;
    private Lookups lookups;

    @BeforeEach
    void setUp() {
        lookups = new Lookups().assistantOf(OWNER, FRONT_DESK, BOOKINGS).assistantOf(STRANGER, STRANGERS_ASSISTANT);
        fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(lookups);
    }

    @Nested
    class Creating {

        @Test
        void createsAPhoneNumberForItsOwnerThatReachesTheOwnersAssistant() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created());
            assertThat(lookups.asked()).containsExactlyInAnyOrder(BERLIN_HOTLINE.phoneNumber(), FRONT_DESK);
        }

        @Test
        void createsAPhoneNumberThatReachesNoAssistantWithoutAskingAboutOne() {
            PhoneNumberConfiguration unassigned = with(BERLIN_HOTLINE, ASSISTANT_ID, null);

            fixture.givenNoPriorActivity()
                    .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, unassigned))
                    .expectEvents(new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, unassigned));
            assertThat(lookups.asked()).containsExactly(BERLIN_HOTLINE.phoneNumber());
        }

        @Test
        void aNewPhoneNumberIsAtRevisionOne() {
            fixture.given(created())
                    .when(update(OWNER, 1L, set(FRIENDLY_NAME, "Sales")))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesANumberThatAnotherPhoneNumberHas() {
            lookups.numberHeldBy(BERLIN_HOTLINE.phoneNumber(), OTHER_PHONE_NUMBER_ID);

            fixture.givenNoPriorActivity()
                    .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void refusesToReachAnAssistantOwnedByAnotherUser() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePhoneNumber(
                            PHONE_NUMBER_ID, OWNER, with(BERLIN_HOTLINE, ASSISTANT_ID, STRANGERS_ASSISTANT)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesAPriceWithoutACurrency() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePhoneNumber(PHONE_NUMBER_ID, OWNER, with(BERLIN_HOTLINE, CURRENCY, null)))
                    .expectException(refusal(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Updating {

        @Test
        void changesTheNamedFieldsAndRecordsTheWholeConfigurationAfterTheChange() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(FRIENDLY_NAME, "Sales").and(STATUS, PhoneNumberStatus.INACTIVE)))
                    .expectEvents(updated(
                            with(with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales"), STATUS, PhoneNumberStatus.INACTIVE),
                            FRIENDLY_NAME,
                            STATUS))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void namesOnlyTheFieldsWhoseValueChangedNotEveryFieldSent() {
            fixture.given(created())
                    .when(update(
                            OWNER,
                            LATEST,
                            set(FRIENDLY_NAME, BERLIN_HOTLINE.friendlyName()).and(LOCALITY, "Wedding")))
                    .expectEvents(updated(with(BERLIN_HOTLINE, LOCALITY, "Wedding"), LOCALITY));
        }

        @Test
        void answersTheRevisionThePhoneNumberReached() {
            PhoneNumberConfiguration renamed = with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales");
            PhoneNumberConfiguration inactive = with(renamed, STATUS, PhoneNumberStatus.INACTIVE);
            fixture.given(created(), updated(renamed, FRIENDLY_NAME), updated(inactive, STATUS))
                    .when(update(OWNER, LATEST, set(LOCALITY, "Wedding")))
                    .expectEvents(updated(with(inactive, LOCALITY, "Wedding"), LOCALITY))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void clearsANamedFieldSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(FRIENDLY_NAME, null)))
                    .expectEvents(updated(with(BERLIN_HOTLINE, FRIENDLY_NAME, null), FRIENDLY_NAME));
        }

        @Test
        void mergesCapabilitiesKeyByKey() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CAPABILITIES, json("sms", true, "fax", true, "voice", null))))
                    .expectEvents(updated(
                            with(BERLIN_HOTLINE, CAPABILITIES, Map.of("sms", true, "fax", true)), CAPABILITIES));
        }

        @Test
        void mergesTheConfigurationKeyByKeyWithNullRemovingAKey() {
            Map<String, Object> patch = json("recording", json("retention_days", null), "greeting", "Hallo");

            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CONFIGURATION, patch)))
                    .expectEvents(updated(
                            with(
                                    BERLIN_HOTLINE,
                                    CONFIGURATION,
                                    Map.of("recording", Map.of("enabled", true), "greeting", "Hallo")),
                            CONFIGURATION));
        }

        @Test
        void clearsTheWholeConfigurationWhenItIsSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CONFIGURATION, null)))
                    .expectEvents(updated(with(BERLIN_HOTLINE, CONFIGURATION, Map.of()), CONFIGURATION));
        }

        @Test
        void recordsNothingForAnUpdateThatChangesNothingAndAnswersTheCurrentRevision() {
            PhoneNumberConfiguration renamed = with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales");
            fixture.given(created(), updated(renamed, FRIENDLY_NAME))
                    .when(update(OWNER, LATEST, set(FRIENDLY_NAME, "Sales").and(CAPABILITIES, json("voice", true))))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsNothingForAnUpdateThatNamesNoField() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, nothing()))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void movesToAnotherNumberThatIsFreeTogetherWithItsCountry() {
            PhoneNumberConfiguration london = with(with(BERLIN_HOTLINE, PHONE_NUMBER, "+442070313000"), COUNTRY, "GB");

            fixture.given(created())
                    .when(update(
                            OWNER, LATEST, set(PHONE_NUMBER, "+442070313000").and(COUNTRY, "GB")))
                    .expectEvents(updated(london, PHONE_NUMBER, COUNTRY));
            assertThat(lookups.asked()).containsExactly("+442070313000");
        }

        @Test
        void refusesToMoveToANumberThatAnotherPhoneNumberHas() {
            lookups.numberHeldBy(HAMBURG, OTHER_PHONE_NUMBER_ID);

            fixture.given(created())
                    .when(update(OWNER, LATEST, set(PHONE_NUMBER, HAMBURG).and(COUNTRY, "DE")))
                    .expectException(refusal(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void keepsItsOwnNumberWithoutAskingWhetherItIsFree() {
            fixture.given(created())
                    .when(update(
                            OWNER,
                            LATEST,
                            set(PHONE_NUMBER, BERLIN_HOTLINE.phoneNumber())
                                    .and(COUNTRY, "DE")
                                    .and(FRIENDLY_NAME, "Sales")))
                    .expectEvents(updated(with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales"), FRIENDLY_NAME));
            assertThat(lookups.asked()).isEmpty();
        }

        @Test
        void refusesToChangeTheCountryWithoutTheNumberItBelongsTo() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(COUNTRY, "FR")))
                    .expectException(refusal(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void acceptsTheCountryItHasWithoutTheNumber() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(COUNTRY, "DE")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void changesThePriceInTheCurrencyItHas() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(MONTHLY_PRICE, "2.50")))
                    .expectEvents(updated(with(BERLIN_HOTLINE, MONTHLY_PRICE, "2.50"), MONTHLY_PRICE));
        }

        @Test
        void refusesToRemoveTheCurrencyOfAPricedNumber() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CURRENCY, null)))
                    .expectException(refusal(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void removesThePriceAndItsCurrencyTogether() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(CURRENCY, null).and(MONTHLY_PRICE, null)))
                    .expectEvents(updated(
                            with(with(BERLIN_HOTLINE, CURRENCY, null), MONTHLY_PRICE, null), CURRENCY, MONTHLY_PRICE));
        }

        @Test
        void reachesAnotherAssistantOfTheOwner() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(ASSISTANT_ID, BOOKINGS)))
                    .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_ID, BOOKINGS), ASSISTANT_ID));
            assertThat(lookups.asked()).containsExactly(BOOKINGS);
        }

        @Test
        void refusesToReachAnAssistantOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(ASSISTANT_ID, STRANGERS_ASSISTANT)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void reachesNoAssistantWithoutAskingAboutOne() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, set(ASSISTANT_ID, null)))
                    .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_ID, null), ASSISTANT_ID));
            assertThat(lookups.asked()).isEmpty();
        }

        @Test
        void appliesAnUpdateMadeAtTheCurrentRevision() {
            PhoneNumberConfiguration renamed = with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales");
            fixture.given(created(), updated(renamed, FRIENDLY_NAME))
                    .when(update(OWNER, 2L, set(LOCALITY, "Wedding")))
                    .expectEvents(updated(with(renamed, LOCALITY, "Wedding"), LOCALITY))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesAnUpdateMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales"), FRIENDLY_NAME))
                    .when(update(OWNER, 1L, set(LOCALITY, "Wedding")))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUpdateMadeAtARevisionNotYetReached() {
            fixture.given(created())
                    .when(update(OWNER, 2L, set(LOCALITY, "Wedding")))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateAPhoneNumberOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, LATEST, set(ASSISTANT_ID, STRANGERS_ASSISTANT)))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void revealsNoRevisionOfAPhoneNumberOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, 7L, set(FRIENDLY_NAME, "Mine now")))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateADeletedPhoneNumber() {
            fixture.given(created(), deleted())
                    .when(update(OWNER, LATEST, set(FRIENDLY_NAME, "Back again")))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class UnassigningADeletedAssistant {

        @Test
        void leavesTheNumberReachingNoAssistant() {
            fixture.given(created())
                    .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                    .expectEvents(updated(with(BERLIN_HOTLINE, ASSISTANT_ID, null), ASSISTANT_ID))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void leavesANumberThatWasGivenAnotherAssistantSinceAsItIs() {
            fixture.given(created(), updated(with(BERLIN_HOTLINE, ASSISTANT_ID, BOOKINGS), ASSISTANT_ID))
                    .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void leavesANumberThatReachesNoAssistantAsItIs() {
            fixture.given(new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, with(BERLIN_HOTLINE, ASSISTANT_ID, null)))
                    .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void cannotUnassignADeletedPhoneNumber() {
            fixture.given(created(), deleted())
                    .when(new UnassignPhoneNumber(PHONE_NUMBER_ID, FRONT_DESK))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletesAPhoneNumberFreeingItsNumberAndAnswersTheRevisionOfTheDeletion() {
            fixture.given(created())
                    .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, LATEST))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(2L);
        }

        @Test
        void deletesAPhoneNumberAtTheCurrentRevision() {
            fixture.given(created(), updated(with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales"), FRIENDLY_NAME))
                    .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, 2L))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesADeleteMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(BERLIN_HOTLINE, FRIENDLY_NAME, "Sales"), FRIENDLY_NAME))
                    .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, 1L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAPhoneNumberOwnedByAnotherUser() {
            fixture.given(created())
                    .when(new DeletePhoneNumber(PHONE_NUMBER_ID, STRANGER, LATEST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAPhoneNumberTwice() {
            fixture.given(created(), deleted())
                    .when(new DeletePhoneNumber(PHONE_NUMBER_ID, OWNER, LATEST))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    private static PhoneNumberCreated created() {
        return new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE);
    }

    private static PhoneNumberUpdated updated(PhoneNumberConfiguration configuration, PhoneNumberField... changed) {
        return new PhoneNumberUpdated(PHONE_NUMBER_ID, OWNER, configuration, Set.copyOf(List.of(changed)));
    }

    private static PhoneNumberDeleted deleted() {
        return new PhoneNumberDeleted(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE.phoneNumber());
    }

    private static UpdatePhoneNumber update(String caller, Long expectedRevision, Patch patch) {
        return new UpdatePhoneNumber(PHONE_NUMBER_ID, caller, expectedRevision, patch.changes(), patch.fields());
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
