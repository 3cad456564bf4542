package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fault scenario 9: one tenant's events that can never be processed as they are, while four other customers
 * write: issue 15's first hostile request over HTTP (an assistant whose {@code capabilities} nest 998 levels
 * deep, refused at the edge with a {@code 400} naming the field, ADR 0019), then events that got into the store
 * anyway, as older versions let them: one larger than Kafka takes (the publisher parks it and its assistant's
 * next edit behind it) and one stamped in a year no PostgreSQL column holds (the read models and analytics park
 * it, ADR 0020). The other
 * customers' writes keep being answered {@code 2xx} and every one of them is stored, published and applied
 * exactly once; the poisoned assistant reaches its latest revision after the fix and the replay.
 */
class PoisonEventsUnderLoadFaultIT extends PlatformIT {

    @Test
    void oneTenantsUnprocessableEventsStopNobodyElse() throws Exception {
        Api mallory = Writers.signUp(api());
        String large = mallory.post("/api/assistants", Map.of("name", "Too large"))
                .data()
                .path("id")
                .asText();
        assertThat(mallory.patch("/api/assistants/" + large, Map.of("description", "before"))
                        .status())
                .isEqualTo(200);
        String template = mallory.post("/api/assistants", Map.of("name", "Template"))
                .data()
                .path("id")
                .asText();
        String ancient = UUID.randomUUID().toString();
        Ledger ledger = new Ledger();

        try (Writers writers = new Writers(api(), ledger, 4)) {
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 20);
            Api.Response deep = mallory.send(
                    "POST",
                    "/api/assistants",
                    "{\"name\": \"Deep\", \"capabilities\": " + "{\"a\": ".repeat(997) + "{}" + "}".repeat(997) + "}",
                    "application/json");
            assertThat(deep.status()).as(deep.toString()).isEqualTo(400);
            assertThat(deep.error().path("details").findValuesAsText("field"))
                    .singleElement()
                    .asString()
                    .startsWith("capabilities.a.a");
            anotherUsersCreateAnswers201WithItsReadBack();
            StoredEvents.appendCopyOfLatestWithDescription(large, "x".repeat(1_500_000));
            assertThat(mallory.patch("/api/assistants/" + large, Map.of("description", "after"))
                            .status())
                    .isEqualTo(202);
            StoredEvents.appendAncientCopyOfCreation(template, ancient);
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 80);
        }

        Ledger.Counts counts = ledger.settle(
                "9-poison-events-under-load",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));
        assertThat(counts.acknowledged()).isGreaterThanOrEqualTo(100);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(ledger.refusals())
                .as("no other customer's write was refused")
                .isEmpty();
        assertThat(StoredEvents.parkedByThePublisher(large)).isEqualTo(2);

        StoredEvents.replaceDescription(large, 2, "fixed");
        try (Connection database = StoredEvents.connect()) {
            new ParkedRecords(database, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .replay(TestInfrastructure.kafkaBootstrapServers(), large);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(mallory.get("/api/assistants/" + large)
                                .data()
                                .path("revision")
                                .asLong())
                        .isEqualTo(4));
        StoredEvents.forgetDeadLettersOnceParked(ancient);
    }

    private void anotherUsersCreateAnswers201WithItsReadBack() {
        Api bob = api().as(api().signUp());
        Api.Response created = bob.post("/api/assistants", Map.of("name", "Bob's front desk"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(bob.get("/api/assistants/" + created.data().path("id").asText())
                        .data()
                        .path("name")
                        .asText())
                .isEqualTo("Bob's front desk");
    }
}
