package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault scenario 9: one tenant's events that can never be processed as they are, while four other customers
 * write: an event larger than Kafka takes (the publisher parks it and its assistant's next edit behind it) and
 * one stamped in a year no PostgreSQL column holds (the read models and analytics park it). The other
 * customers' writes keep being answered {@code 2xx} and every one of them is stored, published and applied
 * exactly once; the poisoned assistant reaches its latest revision after the fix and the replay.
 */
class PoisonEventsUnderLoadFaultIT extends PlatformIT {

    @Test
    void oneTenantsUnprocessableEventsStopNobodyElse() throws Exception {
        Api mallory = Writers.signUp(api());
        String large = mallory.post("/api/assistants", Map.of("name", "Too large")).data().path("id").asText();
        assertThat(mallory.patch("/api/assistants/" + large, Map.of("description", "before")).status()).isEqualTo(200);
        String template = mallory.post("/api/assistants", Map.of("name", "Template")).data().path("id").asText();
        String ancient = UUID.randomUUID().toString();
        Ledger ledger = new Ledger();

        try (Writers writers = new Writers(api(), ledger, 4)) {
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 20);
            StoredEvents.appendCopyOfLatestWithDescription(large, "x".repeat(1_500_000));
            assertThat(mallory.patch("/api/assistants/" + large, Map.of("description", "after")).status()).isEqualTo(202);
            StoredEvents.appendAncientCopyOfCreation(template, ancient);
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 80);
        }

        Ledger.Counts counts = ledger.settle("9-poison-events-under-load", TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(60));
        assertThat(counts.acknowledged()).isGreaterThanOrEqualTo(100);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(ledger.refusals()).as("no other customer's write was refused").isEmpty();
        assertThat(StoredEvents.parkedByThePublisher(large)).isEqualTo(2);

        StoredEvents.replaceDescription(large, 2, "fixed");
        try (Connection database = StoredEvents.connect()) {
            new ParkedRecords(database, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .replay(TestInfrastructure.kafkaBootstrapServers(), large);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mallory.get("/api/assistants/" + large).data().path("revision").asLong()).isEqualTo(4));
        StoredEvents.forgetDeadLettersOnceParked(ancient);
    }
}
