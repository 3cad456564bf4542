package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Fault scenario 2: gaps in the store's commit order. One transaction takes a global index and commits
 * only after later events have committed; another takes one and rolls back, leaving a hole for good. Each
 * appends a copy of an assistant's last event as its next revision, directly in SQL, as a slow or failed
 * command-side instance would. The publisher must neither skip the late event nor stall on either hole.
 */
class CommitGapsFaultIT extends PlatformIT {

    private static final String TOPIC = "voicepartner.assistants";

    @Test
    void theLateCommitIsPublishedAndNeitherHoleStallsThePublisher() throws Exception {
        Api alice = Writers.signUp(api());
        Ledger ledger = new Ledger();
        String late = twoRevisions(alice, ledger, "Committed late");
        String rolledBack = twoRevisions(alice, ledger, "Rolled back");
        TestInfrastructure.Database database = TestInfrastructure.database();
        assertThat(ledger.settle(
                                "2-commit-gaps-before",
                                database,
                                TestInfrastructure.kafkaBootstrapServers(),
                                Duration.ofSeconds(60))
                        .lost())
                .isZero();

        try (Connection slow = connect(database);
                Connection failing = connect(database)) {
            slow.setAutoCommit(false);
            failing.setAutoCommit(false);
            appendCopyOfLastEvent(slow, late);
            appendCopyOfLastEvent(failing, rolledBack);

            Ledger meanwhile = new Ledger();
            Workload.run(api(), meanwhile, 2);
            assertThat(meanwhile
                            .settle(
                                    "2-commit-gaps-meanwhile",
                                    database,
                                    TestInfrastructure.kafkaBootstrapServers(),
                                    Duration.ofSeconds(60))
                            .lost())
                    .as("published past both open holes")
                    .isZero();
            meanwhile
                    .writes()
                    .forEach(write -> ledger.acknowledge(write.topic(), write.aggregateId(), write.revision()));

            failing.rollback();
            slow.commit();
            ledger.acknowledge(TOPIC, late, 3);
        }
        Workload.run(api(), ledger, 1);

        Ledger.Counts counts = ledger.settle(
                "2-commit-gaps", database, TestInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(60));
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(alice.get("/api/assistants/" + late).data().path("revision").asLong())
                .isEqualTo(3);
        assertThat(alice.get("/api/assistants/" + rolledBack)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(2);
        assertThat(publishedPosition(late, 3))
                .as("the late event's record names its own place in the store, not the later event's the publisher"
                        + " had read before it")
                .isEqualTo(storedPosition(database, late, 3));
    }

    /** The {@code global_position} of the aggregate's record at this revision on its topic. */
    private static long publishedPosition(String aggregate, long revision) throws Exception {
        for (ConsumerRecord<String, byte[]> record : new TopicReader(TestInfrastructure.kafkaBootstrapServers())
                .recordsWithKey(TOPIC, aggregate, (int) revision)) {
            JsonNode envelope = Api.JSON.readTree(record.value());
            if (envelope.path("revision").asLong() == revision) {
                return envelope.path("global_position").asLong();
            }
        }
        throw new AssertionError("No record of revision " + revision + " of " + aggregate + " on " + TOPIC);
    }

    private static long storedPosition(TestInfrastructure.Database database, String aggregate, long revision)
            throws Exception {
        try (Connection connection = connect(database);
                PreparedStatement select = connection.prepareStatement("SELECT global_index FROM "
                        + "command.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            select.setString(1, aggregate);
            select.setLong(2, revision - 1);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }

    private static String twoRevisions(Api alice, Ledger ledger, String name) {
        Api.Response created = alice.post("/api/assistants", Map.of("name", name));
        ledger.record(TOPIC, created);
        String id = created.data().path("id").asText();
        ledger.record(TOPIC, alice.patch("/api/assistants/" + id, Map.of("description", "revision 2")));
        return id;
    }

    /** Takes the next global index now; the row is visible to others only when the transaction commits. */
    private static void appendCopyOfLastEvent(Connection transaction, String aggregate) throws Exception {
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data
                FROM command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")) {
            insert.setString(1, aggregate);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection connect(TestInfrastructure.Database database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
