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
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
        String template = alice.post("/api/assistants", Map.of("name", "Template"))
                .data()
                .path("id")
                .asText();
        long readModelsBefore = parked("read-models");
        long analyticsBefore = parked("analytics");
        String ancient = UUID.randomUUID().toString();
        StoredEvents.appendAncientCopyOfCreation(template, ancient);

        Api bob = Writers.signUp(api());
        Api.Response created = bob.post("/api/assistants", Map.of("name", "Unaffected"));
        assertThat(created.status()).as("another tenant's write: " + created).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> parked("read-models") > readModelsBefore && parked("analytics") > analyticsBefore);
        assertThat(api().get("/health").json().path("status").asText()).isEqualTo("degraded");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(bob.get("/api/analytics/assistants").data())
                                .as("analytics goes on")
                                .hasSize(1));
        assertThat(bob.post("/api/assistants", Map.of("name", "Still unaffected"))
                        .status())
                .isEqualTo(201);

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        try (Connection database = StoredEvents.connect()) {
            new ParkedRecords(database, new PrintStream(listing, true, StandardCharsets.UTF_8)).list();
        }
        assertThat(listing.toString(StandardCharsets.UTF_8)).contains("AssistantCreated " + ancient);
        StoredEvents.forgetDeadLettersOnceParked(ancient);
    }

    private long parked(String processor) {
        JsonNode status = api().get("/health").json().path("processors").path(processor);
        return status.path("parked").asLong();
    }
}
