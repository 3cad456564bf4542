package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event in the store that Kafka can never take as it is (here a record over the producer's 1 MiB limit, as
 * an event from before today's limits could be) no longer stops the publisher for everyone: it is parked with
 * its cause, its aggregate's later events wait behind it, every other aggregate and tenant goes on, {@code
 * /health} says degraded with what and since when, and after a fix (here the stored payload corrected, as an
 * upcaster would) the replay of {@code infra/scripts/parked-events} sends both in their order.
 */
class PublisherParkingIT extends PlatformIT {

    @Test
    void anUnpublishableEventIsParkedWithItsAggregatesLaterEventsAndEveryoneElseGoesOn() throws Exception {
        Api alice = Writers.signUp(api());
        String victim = alice.post("/api/assistants", Map.of("name", "Too large"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.patch("/api/assistants/" + victim, Map.of("description", "before"))
                        .status())
                .isEqualTo(200);
        StoredEvents.appendCopyOfLatestWithDescription(victim, "x".repeat(1_500_000));

        Api.Response behind = alice.patch("/api/assistants/" + victim, Map.of("description", "after"));
        assertThat(behind.status())
                .as("stored, not visible while it waits behind the parked event")
                .isEqualTo(202);

        Api bob = Writers.signUp(api());
        Api.Response othersCreate = bob.post("/api/assistants", Map.of("name", "Unaffected"));
        assertThat(othersCreate.status())
                .as("another tenant's write: " + othersCreate)
                .isEqualTo(201);
        assertThat(alice.post("/api/assistants", Map.of("name", "Also unaffected"))
                        .status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> StoredEvents.parkedByThePublisher(victim) == 2);
        JsonNode publisher = api().get("/health").json().path("processors").path("kafka-publisher");
        assertThat(api().get("/health").json().path("status").asText()).isEqualTo("degraded");
        assertThat(publisher.path("status").asText()).isEqualTo("degraded");
        assertThat(publisher.path("parked").asLong()).isEqualTo(2);
        assertThat(publisher.path("parked_since").asText()).isNotEmpty();

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        try (Connection database = StoredEvents.connect()) {
            new ParkedRecords(database, new PrintStream(listing, true, StandardCharsets.UTF_8)).list();
        }
        assertThat(listing.toString(StandardCharsets.UTF_8))
                .contains("kafka-publisher: 2 parked", "RecordTooLargeException", "max.request.size", "waiting behind");

        StoredEvents.replaceDescription(victim, 2, "fixed");
        try (Connection database = StoredEvents.connect()) {
            new ParkedRecords(database, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .replay(TestInfrastructure.kafkaBootstrapServers(), victim);
        }

        assertThat(StoredEvents.parkedByThePublisher(victim)).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode assistant = alice.get("/api/assistants/" + victim).data();
            assertThat(assistant.path("revision").asLong()).isEqualTo(4);
            assertThat(assistant.path("description").asText()).isEqualTo("after");
        });
        assertThat(alice.get("/api/assistants/" + victim + "/history").data().size())
                .as("both parked events reached the read models, in order")
                .isEqualTo(4);
        // /health reads the database at most once a second: the replay may be younger than its last answer
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api().get("/health")
                                .json()
                                .path("processors")
                                .path("kafka-publisher")
                                .path("status")
                                .asText())
                        .isEqualTo("ok"));
    }
}
