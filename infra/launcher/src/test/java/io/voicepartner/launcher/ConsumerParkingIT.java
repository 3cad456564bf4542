package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that reaches Kafka but that neither the read models nor analytics can ever store (here one stamped
 * in the year -6000000, as the store accepted before today's time limits: PostgreSQL's timestamps and dates end
 * at 4713 BC) is parked by each consumer with its cause, instead of being retried for ever in front of every
 * other tenant's events: another user's writes stay visible at once and their figures keep counting, and
 * {@code /health} names both consumers as degraded.
 */
class ConsumerParkingIT extends PlatformIT {

    @Test
    void aRecordNoConsumerCanStoreIsParkedByEachAndEveryoneElseGoesOn() throws Exception {
        Api alice = Writers.signUp(api());
        String template = alice.post("/api/assistants", Map.of("name", "Template")).data().path("id").asText();
        long readModelsBefore = parked("read-models");
        long analyticsBefore = parked("analytics");
        String ancient = UUID.randomUUID().toString();
        appendCreationInTheYearMinusSixMillion(template, ancient);

        Api bob = Writers.signUp(api());
        Api.Response created = bob.post("/api/assistants", Map.of("name", "Unaffected"));
        assertThat(created.status()).as("another tenant's write: " + created).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> parked("read-models") > readModelsBefore
                && parked("analytics") > analyticsBefore);
        assertThat(api().get("/health").json().path("status").asText()).isEqualTo("degraded");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(bob.get("/api/analytics/assistants").data()).as("analytics goes on").hasSize(1));
        assertThat(bob.post("/api/assistants", Map.of("name", "Still unaffected")).status()).isEqualTo(201);

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        try (Connection database = connect()) {
            new ParkedRecords(database, new PrintStream(listing, true, StandardCharsets.UTF_8)).list();
        }
        assertThat(listing.toString(StandardCharsets.UTF_8)).contains("AssistantCreated " + ancient);
        forget(ancient);
    }

    /** The shared platform's other tests expect it healthy: no fix can store this event, so its letters go. */
    private static void forget(String aggregate) throws Exception {
        try (Connection database = connect()) {
            for (String schema : new String[] {"query", "analytics"}) {
                try (PreparedStatement delete = database.prepareStatement(
                        "DELETE FROM " + schema + ".dead_letters WHERE aggregate_id = ?")) {
                    delete.setString(1, aggregate);
                    delete.executeUpdate();
                }
            }
        }
    }

    private long parked(String processor) {
        JsonNode status = api().get("/health").json().path("processors").path(processor);
        return status.path("parked").asLong();
    }

    /** A copy of an assistant's creation under a new id, stamped in a year no PostgreSQL column can hold. */
    private static void appendCreationInTheYearMinusSixMillion(String template, String id) throws Exception {
        try (Connection database = connect(); PreparedStatement insert = database.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, ?, 0, type, '-6000000-01-01T00:00:00Z', payload_type, payload_revision,
                    convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{assistant_id}', to_jsonb(CAST(? AS text)))::text,
                        'UTF8'), meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""")) {
            insert.setString(1, id);
            insert.setString(2, id);
            insert.setString(3, template);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection connect() throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.database();
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
