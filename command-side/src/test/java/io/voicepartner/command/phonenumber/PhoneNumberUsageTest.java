package io.voicepartner.command.phonenumber;

import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.PhoneCall;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.RecordCalls;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.command.usage.UsageReports;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.voicepartner.command.phonenumber.Configurations.BERLIN_HOTLINE;
import static io.voicepartner.command.phonenumber.Configurations.FRONT_DESK;

/** What a phone number decides about the calls reported for it. */
class PhoneNumberUsageTest {

    private static final String PHONE_NUMBER_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String STRANGERS_ASSISTANT = "0190f2c4-7d1e-7a3b-9c4d-000000000bad";
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00Z");

    private final Set<String> recorded = new HashSet<>();
    private FixtureConfiguration<PhoneNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PhoneNumber.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(new Lookups().assistantOf(OWNER, FRONT_DESK)
                .assistantOf(STRANGER, STRANGERS_ASSISTANT));
        fixture.registerInjectableResource((UsageReports) (phoneNumberId, ids) ->
                ids.stream().filter(recorded::contains).collect(Collectors.toSet()));
    }

    @Test
    void recordsEveryCallOfAReportAndAnswersTheRevisionReached() {
        fixture.given(created())
                .when(report(call("c-1", 60), call("c-2", 90)))
                .expectEvents(recorded("c-1", 60), recorded("c-2", 90))
                .expectResultMessagePayload(3L);
    }

    @Test
    void recordsACallReportedBeforeOnlyOnce() {
        recorded.add("c-1");

        fixture.given(created(), recorded("c-1", 60))
                .when(report(call("c-1", 60), call("c-2", 90)))
                .expectEvents(recorded("c-2", 90));
    }

    @Test
    void refusesCallsOfAnotherUsersNumber() {
        fixture.given(created())
                .when(new RecordCalls(PHONE_NUMBER_ID, STRANGER, List.of(call("c-1", 60))))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void refusesCallsForAnotherUsersAssistant() {
        fixture.given(created())
                .when(report(new PhoneCall("c-1", 60, CallDirection.INBOUND, STRANGERS_ASSISTANT, AT)))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    private static PhoneNumberCreated created() {
        return new PhoneNumberCreated(PHONE_NUMBER_ID, OWNER, BERLIN_HOTLINE);
    }

    private static RecordCalls report(PhoneCall... calls) {
        return new RecordCalls(PHONE_NUMBER_ID, OWNER, List.of(calls));
    }

    private static PhoneCall call(String id, long seconds) {
        return new PhoneCall(id, seconds, CallDirection.INBOUND, FRONT_DESK, AT);
    }

    private static CallRecorded recorded(String id, long seconds) {
        return new CallRecorded(PHONE_NUMBER_ID, OWNER, id, FRONT_DESK, seconds, CallDirection.INBOUND, AT);
    }
}
