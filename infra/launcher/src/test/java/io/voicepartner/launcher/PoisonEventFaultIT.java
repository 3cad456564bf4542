package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Fault scenario 6: an event the projector cannot apply. The fault is a read-model constraint that refuses
 * one stored, acknowledged event (as a projector bug would): the event is parked on the dead-letter topic
 * with the reason in its headers, the next event of the same assistant is parked behind it rather than
 * applied over the hole, every other assistant (on the same partitions) goes on being projected, the
 * dead-letter metric and {@code /health} count both, and once the fault is fixed a replay of the letters brings the assistant
 * to its latest revision.
 */
class PoisonEventFaultIT extends PlatformIT {

    private static final String TOPIC = "voicepartner.assistants";

    @Test
    void aPoisonEventHoldsBackOnlyItsAggregateAndIsReplayedAfterTheFix() throws Exception {
        Api alice = Writers.signUp(api());
        Ledger ledger = new Ledger();
        List<String> others = new ArrayList<>();
        Api.Response poisoned = alice.post("/api/assistants", Map.of("name", "Poisoned"));
        ledger.record(TOPIC, poisoned);
        String victim = poisoned.data().path("id").asText();
        for (int other = 0; other < 12; other++) {
            Api.Response created = alice.post("/api/assistants", Map.of("name", "Healthy " + other));
            ledger.record(TOPIC, created);
            others.add(created.data().path("id").asText());
        }
        double lettersBefore = deadLetters();

        execute(
                "ALTER TABLE query.assistants ADD CONSTRAINT fault_poison CHECK (description IS DISTINCT FROM 'poison') NOT VALID");
        try {
            ledger.record(TOPIC, alice.patch("/api/assistants/" + victim, Map.of("description", "poison")));
            ledger.record(TOPIC, alice.patch("/api/assistants/" + victim, Map.of("description", "after the poison")));
            for (String other : others) {
                Api.Response edited = alice.patch("/api/assistants/" + other, Map.of("description", "still projected"));
                assertThat(edited.status())
                        .as("read-your-writes on a healthy assistant: " + edited)
                        .isEqualTo(200);
                ledger.record(TOPIC, edited);
            }

            TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());
            List<ConsumerRecord<String, byte[]>> letters = topics.recordsWithKey(TOPIC + "-dlt", victim, 2);
            assertThat(header(letters.get(0), "kafka_dlt-exception-cause-fqcn")
                            + header(letters.get(0), "kafka_dlt-exception-message"))
                    .contains("DataIntegrityViolation");
            assertThat(header(letters.get(1), "kafka_dlt-exception-message"))
                    .contains("arrived while the read model holds revision 1");
            assertThat(alice.get("/api/assistants/" + victim)
                            .data()
                            .path("revision")
                            .asLong())
                    .as("held back at its last good revision")
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() >= lettersBefore + 2);
        } finally {
            execute("ALTER TABLE query.assistants DROP CONSTRAINT fault_poison");
        }

        assertThat(api().get("/health")
                        .json()
                        .path("processors")
                        .path("read-models")
                        .path("parked")
                        .asLong())
                .as("/health counts the parked records")
                .isGreaterThanOrEqualTo(2);
        ByteArrayOutputStream replayLog = new ByteArrayOutputStream();
        int replayed;
        TestInfrastructure.Database database = TestInfrastructure.database();
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            replayed = DeadLetterReplay.replay(
                    connection,
                    TestInfrastructure.kafkaBootstrapServers(),
                    victim,
                    new PrintStream(replayLog, true, StandardCharsets.UTF_8));
        }

        Ledger.Counts counts = ledger.settle(
                "6-poison-event",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));
        assertThat(replayed).isEqualTo(2);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(alice.get("/api/assistants/" + victim)
                        .data()
                        .path("description")
                        .asText())
                .isEqualTo("after the poison");
    }

    /** The dead-letter counter for the assistants' topic, summed over reasons, from the Prometheus endpoint. */
    private double deadLetters() {
        return api().get("/actuator/prometheus")
                .text()
                .lines()
                .filter(line -> line.startsWith("voicepartner_projection_dead_letters_total{")
                        && line.contains("topic=\"" + TOPIC + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null
                ? ""
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void execute(String sql) throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.database();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
