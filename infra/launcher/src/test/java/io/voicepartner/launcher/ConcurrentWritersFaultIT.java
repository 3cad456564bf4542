package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Fault scenario 1: sixteen writers on one assistant at once, each reading the revision and writing with
 * {@code If-Match}. Losers get {@code 412} (or {@code 409} when two appends race in the store) and succeed
 * on a retry; in the end the store holds one event per acknowledged write, with contiguous sequence
 * numbers, and the read model and the topic hold exactly those.
 */
class ConcurrentWritersFaultIT extends PlatformIT {

    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 8;

    @Test
    void sixteenWritersOnOneAggregateLoseNothingAndDuplicateNothing() throws Exception {
        Api alice = Writers.signUp(api());
        Ledger ledger = new Ledger();
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Contended"));
        ledger.record("voicepartner.assistants", created);
        String id = created.data().path("id").asText();
        AtomicInteger refused = new AtomicInteger();

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int me = writer;
            done.add(CompletableFuture.runAsync(
                    () -> {
                        for (int write = 0; write < WRITES_EACH; write++) {
                            while (true) {
                                String revision =
                                        alice.get("/api/assistants/" + id).header("ETag");
                                Api.Response response = alice.withHeader("If-Match", revision)
                                        .patch(
                                                "/api/assistants/" + id,
                                                Map.of("description", "writer " + me + " write " + write));
                                if (response.status() == 412 || response.status() == 409) {
                                    refused.incrementAndGet();
                                    continue;
                                }
                                assertThat(response.status())
                                        .as(response.toString())
                                        .isIn(200, 202);
                                ledger.record("voicepartner.assistants", response);
                                break;
                            }
                        }
                    },
                    writers));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        writers.shutdown();

        Ledger.Counts counts = ledger.settle(
                "1-concurrent-writers",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));

        assertThat(counts.acknowledged()).isEqualTo(1 + WRITERS * WRITES_EACH);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(refused.get())
                .as("concurrent writers were refused and retried")
                .isPositive();
        // one event per acknowledged write, none lost and none extra: sequence numbers 0 … n-1
        assertThat(sequenceNumbers(id))
                .containsExactlyElementsOf(
                        LongStream.range(0, 1 + WRITERS * WRITES_EACH).boxed().toList());
        assertThat(alice.get("/api/assistants/" + id).data().path("revision").asLong())
                .isEqualTo(1 + WRITERS * WRITES_EACH);
    }

    private static List<Long> sequenceNumbers(String aggregate) throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.database();
        List<Long> sequence = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement("SELECT sequence_number FROM "
                        + "command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            statement.setString(1, aggregate);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequence.add(rows.getLong(1));
                }
            }
        }
        return sequence;
    }
}
