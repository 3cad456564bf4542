package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code infra/scripts/rebuild}: read models rebuilt from the topics while reads and writes go on, equal row by
 * row to what the live projection kept, and a rebuild that fails or is cancelled leaves the served tables as
 * they were. The poison record stays on its topic for good, so that test runs last: a rebuild of its read
 * model after it could only fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildIT extends OperationsPlatformIT {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private ReadModelTables tables;

    @Autowired
    void tables(JdbcTemplate jdbc) {
        tables = new ReadModelTables(jdbc);
    }

    @Test
    @Order(1)
    void rebuildsADamagedReadModelWhileReadsAndWritesGoOn() throws Exception {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String weather = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", "https://api.example.com/w"))
                .data()
                .path("id")
                .asText();
        String crm = alice.post("/api/tools", Map.of("name", "CRM", "endpoint", "https://crm.example.com/api"))
                .data()
                .path("id")
                .asText();
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(weather, crm)))
                        .status())
                .isEqualTo(200);
        assertThat(alice.patch("/api/assistants/" + assistant, Map.of("name", "Reception"))
                        .status())
                .isEqualTo(200);
        String gone = alice.post("/api/assistants", Map.of("name", "Gone"))
                .data()
                .path("id")
                .asText();
        assertThat(alice.delete("/api/assistants/" + gone).status()).isIn(200, 204);
        assertThat(alice.post(
                                "/api/phone-numbers",
                                Map.of("phone_number", "+49 89 " + line(), "assistant_id", assistant))
                        .status())
                .isEqualTo(201);
        String keys = "/api/organizations/" + user.id() + "/api-keys";
        assertThat(alice.post(keys, Map.of("name", "Runtime", "scopes", List.of("usage:write")))
                        .status())
                .isEqualTo(201);
        String revoked = alice.post(keys, Map.of("name", "Old", "scopes", List.of("config:read")))
                .data()
                .path("id")
                .asText();
        assertThat(alice.delete(keys + "/" + revoked).status()).isEqualTo(200);
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        Map<String, List<String>> live = tables.snapshotOf(user.id());
        // her feed, and a cursor a client stored half-way through it (ADR 0031)
        List<String> feed = EventsIT.field(EventsIT.awaitEvents(alice, "", 8), "id");
        String stored = alice.get("/api/events?limit=4")
                .json()
                .path("meta")
                .path("next_cursor")
                .asText();
        // a damaged read model: a renamed tool and an assignment lost
        tables.execute("UPDATE query.tools SET name = 'damaged' WHERE id = '" + weather + "'");
        tables.execute("DELETE FROM query.assistant_tools WHERE tool_id = '" + crm + "'");

        Queue<String> failedReads = new ConcurrentLinkedQueue<>();
        Queue<String> writtenDuring = new ConcurrentLinkedQueue<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        Future<Integer> reads = clients.submit(() -> {
            int count = 0;
            while (rebuilding.get()) {
                Api.Response read = alice.get("/api/assistants/" + assistant);
                if (read.status() != 200
                        || !"Reception".equals(read.data().path("name").asText())) {
                    failedReads.add(read.toString());
                }
                count++;
            }
            return count;
        });
        Future<?> writes = clients.submit(() -> {
            while (rebuilding.get()) {
                writtenDuring.add(alice.post("/api/assistants", Map.of("name", "Written during the rebuild"))
                        .data()
                        .path("id")
                        .asText());
            }
        });
        Rebuild.Outcome outcome;
        try {
            outcome = rebuild(List.of("all"));
        } finally {
            rebuilding.set(false);
            clients.shutdown();
        }
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        writes.get();

        assertThat(outcome.status()).as(outcome.message()).isEqualTo("swapped");
        assertThat(reads.get()).isPositive();
        assertThat(failedReads).isEmpty();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Rebuild done");
        for (String id : writtenDuring) {
            assertThat(alice.get("/api/assistants/" + id).status()).as(id).isEqualTo(200);
        }
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        Map<String, List<String>> rebuilt = tables.snapshotOf(user.id());
        List<String> newRows = rebuilt.get("assistants").stream()
                .filter(row -> writtenDuring.stream().anyMatch(row::contains))
                .toList();
        assertThat(newRows).hasSize(writtenDuring.size());
        rebuilt.get("assistants").removeAll(newRows);
        rebuilt.get("audit_log").removeIf(row -> writtenDuring.stream().anyMatch(row::contains));
        rebuilt.get("history").removeIf(row -> writtenDuring.stream().anyMatch(row::contains));
        assertThat(rebuilt).isEqualTo(live);
        List<String> feedAfter =
                EventsIT.field(alice.get("/api/events?limit=200").data(), "id");
        assertThat(feedAfter.subList(0, feed.size()))
                .as("the feed neither renumbered nor duplicated by the rebuild")
                .isEqualTo(feed);
        assertThat(feedAfter).doesNotHaveDuplicates();
        assertThat(EventsIT.field(
                        alice.get("/api/events?limit=200&after=" + stored).data(), "id"))
                .as("the stored cursor goes on where it was")
                .isEqualTo(feedAfter.subList(4, feedAfter.size()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("voicepartner_rebuild_done_events")).hasValue((double) outcome.events());
            assertThat(metric("voicepartner_rebuild_total_events")).hasValue((double) outcome.events());
            // the rate the rebuild measured for itself (events over its own duration), not one left at zero
            double measured = Double.parseDouble(
                    tables.strings("SELECT events_per_second FROM query.rebuilds " + "ORDER BY id DESC LIMIT 1")
                            .get(0));
            assertThat(measured).isPositive();
            assertThat(metric("voicepartner_rebuild_rate_events_per_second")).hasValue(measured);
        });
    }

    @Test
    @Order(2)
    void refusesAnUnknownReadModel() {
        assertThatThrownBy(() -> rebuild().run(List.of("assistants", "calls"), false))
                .isInstanceOf(Rebuild.Refused.class)
                .hasMessageContaining("unknown read model calls");
    }

    @Test
    @Order(3)
    void aCancelledRebuildLeavesTheServedTablesUntouched() {
        Api alice = api().as(api().signUp());
        alice.post("/api/tools", Map.of("name", "Kept", "endpoint", "https://api.example.com/kept"));
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        Map<String, List<String>> before = tables.snapshot();
        List<String> served = servedTableIds();

        // cancelled before the query side even claims it: it stops at its first report
        tables.execute("INSERT INTO query.rebuilds (read_models, cancel_requested) VALUES ('tools', true)");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tables.strings("SELECT status FROM query.rebuilds ORDER BY id DESC LIMIT 1")
                        .equals(List.of("cancelled")));

        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(servedTableIds()).isEqualTo(served);
        assertThat(shadowSchemaExists()).isFalse();
    }

    @Test
    @Order(4)
    void aRebuildSetsAsideARecordItCannotApplyAndReportsIt() throws Exception {
        new TopicReader(kafkaBootstrapServers())
                .send(new ConsumerRecord<>(
                        "voicepartner.users", 0, 0, "poison", "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        ReadModelTables.awaitConsumed(kafkaBootstrapServers());
        Map<String, List<String>> before = tables.snapshot();

        Rebuild.Outcome outcome = rebuild(List.of("users"));

        assertThat(outcome.status())
                .as("one bad record does not fail the rebuild for everyone")
                .isEqualTo("swapped");
        assertThat(outcome.message())
                .contains("record(s) set aside")
                .contains("voicepartner.users-")
                .contains("unreadable");
        assertThat(tables.snapshot())
                .as("the same as the live consumer, which parked it too")
                .isEqualTo(before);
        assertThat(shadowSchemaExists()).isFalse();
        // the live consumers parked it on their dead-letter topics: nothing can ever read it
        StoredEvents.forgetDeadLettersOnceParked(database(), "poison");
    }

    /** The shared test PostgreSQL may have no connection to spare for the command's own for a moment. */
    private Rebuild.Outcome rebuild(List<String> names) {
        AtomicReference<Rebuild.Outcome> outcome = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).contains("too many clients"))
                .until(() -> {
                    outcome.set(rebuild().run(names, false));
                    return true;
                });
        return outcome.get();
    }

    private Rebuild rebuild() {
        return new Rebuild(
                ReadModelTables.environment(database()), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    /** The served tables' identities: a swap would replace them with other tables of the same names. */
    private List<String> servedTableIds() {
        return tables.strings("SELECT relname || ':' || oid FROM pg_class WHERE relnamespace = "
                + "CAST('query' AS regnamespace) AND relkind = 'r' ORDER BY relname");
    }

    private boolean shadowSchemaExists() {
        return !tables.strings("SELECT nspname FROM pg_namespace WHERE nspname = 'query_rebuild'")
                .isEmpty();
    }

    private static String line() {
        return Long.toString(1_000_000 + ThreadLocalRandom.current().nextLong(9_000_000));
    }

    private Optional<Double> metric(String name) {
        return new Prometheus(api()).sample(name, "");
    }
}
