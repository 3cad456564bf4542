package io.voicepartner.query.phonenumber;

import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.usage.PhoneCallRecorded;
import io.voicepartner.query.consuming.ProjectionGapException;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.json.JsonConventions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@code query.phone_numbers} and of its calls and counters ({@code phone_calls},
 * {@code phone_number_usage}): configuration events are guarded by the number's revision, calls by the call's id.
 */
class PhoneNumberProjectorTest {

    private static final String OWNER = "owner-numbers";

    private static ReadModelDatabase database;
    private static PhoneNumberProjector projector;
    private static PhoneCallProjector usage;

    private final String numberId = UUID.randomUUID().toString();
    private final String phoneNumber = "+4930" + (1_000_000 + (int) (Math.random() * 8_999_999));

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        PhoneCalls calls = new PhoneCalls(database.jdbc());
        projector = new PhoneNumberProjector(
                new PhoneNumberRows(database.jdbc(), JsonConventions.newObjectMapper()), calls);
        usage = new PhoneCallProjector(calls);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void createTheNumber() {
        apply(revision(1, new PhoneNumberCreated(numberId, OWNER, configuration("Hotline"))));
    }

    @Test
    void aCreatedNumberIsARowAtRevisionOneWithItsPriceExactlyAsWritten() {
        assertThat(column("friendly_name")).isEqualTo("Hotline");
        assertThat(column("revision")).isEqualTo(1L);
        assertThat(column("monthly_price").toString()).isEqualTo("1.50");
    }

    @Test
    void aRedeliveredOrStaleUpdateChangesNothing() {
        EventEnvelope second = revision(2, new PhoneNumberUpdated(numberId, OWNER, configuration("Second"), Set.of()));
        apply(second);
        apply(revision(3, new PhoneNumberUpdated(numberId, OWNER, configuration("Third"), Set.of())));

        apply(second);
        apply(revision(3, new PhoneNumberUpdated(numberId, OWNER, configuration("Third, late"), Set.of())));

        assertThat(column("friendly_name")).isEqualTo("Third");
        assertThat(column("revision")).isEqualTo(3L);
    }

    @Test
    void eachCallIsCountedOnceHoweverOftenItIsDelivered() {
        EventEnvelope call = revision(0, call("call-1", 90, Instant.parse("2026-03-02T10:00:00Z")));
        applyUsage(call);
        applyUsage(call);
        applyUsage(revision(0, call("call-2", 30, Instant.parse("2026-03-02T09:00:00Z"))));

        assertThat(database.jdbc()
                        .sql("SELECT calls, seconds, last_used FROM query.phone_number_usage "
                                + "WHERE phone_number_id = ?")
                        .param(numberId)
                        .query()
                        .singleRow())
                .isEqualTo(Map.of(
                        "calls",
                        2L,
                        "seconds",
                        120L,
                        "last_used",
                        Timestamp.from(Instant.parse("2026-03-02T10:00:00Z"))));
        assertThat(column("revision")).as("usage moves no revision").isEqualTo(1L);
    }

    @Test
    void aDeletedNumberIsATombstoneUntilItIsRestored() {
        apply(revision(2, new PhoneNumberDeleted(numberId, OWNER, phoneNumber)));
        apply(revision(2, new PhoneNumberUpdated(numberId, OWNER, configuration("Too late"), Set.of())));

        assertThat(column("deleted_at")).isNotNull();
        assertThat(column("friendly_name")).isEqualTo("Hotline");

        apply(revision(3, new PhoneNumberRestored(numberId, OWNER, configuration("Back"))));

        assertThat(column("deleted_at")).isNull();
        assertThat(column("friendly_name")).isEqualTo("Back");
    }

    @Test
    void anEventForANumberWhoseCreationNeverArrivedIsAGap() {
        String unseen = UUID.randomUUID().toString();

        assertThatThrownBy(() -> apply(revision(2, new PhoneNumberDeleted(unseen, OWNER, "+4930999"))))
                .isInstanceOf(ProjectionGapException.class);
    }

    private PhoneNumberConfiguration configuration(String friendlyName) {
        return new PhoneNumberConfiguration(
                phoneNumber,
                friendlyName,
                Map.of("voice", true),
                "DE",
                null,
                "Berlin",
                PhoneNumberProvider.TWILIO,
                "1.50",
                "EUR",
                Map.of(),
                PhoneNumberStatus.ACTIVE,
                null,
                null);
    }

    private PhoneCallRecorded call(String callId, long seconds, Instant at) {
        return new PhoneCallRecorded(numberId, OWNER, callId, null, seconds, CallDirection.INBOUND, at);
    }

    private void apply(EventEnvelope envelope) {
        database.project(() -> projector.apply(envelope));
    }

    private void applyUsage(EventEnvelope envelope) {
        database.project(() -> usage.apply(envelope));
    }

    private Object column(String name) {
        return database.jdbc()
                .sql("SELECT " + name + " FROM query.phone_numbers WHERE id = ?")
                .param(numberId)
                .query()
                .singleRow()
                .get(name);
    }
}
