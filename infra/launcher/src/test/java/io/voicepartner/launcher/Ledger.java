package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The client's own record of the writes the platform acknowledged, checked Jepsen-style against what the
 * event store holds, what the topics carry and what the read models applied. A write is one event: its
 * aggregate and the revision the response named. A write the client gave up on (an error, a timeout, a
 * connection cut) is counted as unacknowledged: it may or may not have happened, and either is correct.
 */
final class Ledger {

    /**
     * One acknowledged write: the aggregate and the revision its response named, on {@code topic}. The
     * response may already show a later write of another client (read-your-writes waits for *at least* the
     * write's revision), so a write is checked as "everything up to that revision": revisions are
     * contiguous in the store, and a read model never skips one.
     */
    record Write(String topic, String aggregateId, long revision) {}

    /**
     * @param lost         acknowledged writes missing from the store, the topic or the read model
     * @param duplicated   acknowledged writes applied more than once (a read model past the store) or stored twice
     * @param redelivered  records on the topic beyond the first copy of an event: at-least-once, harmless
     *                     because the read models skip them by revision
     */
    record Counts(
            String scenario,
            long acknowledged,
            long stored,
            long published,
            long applied,
            long lost,
            long duplicated,
            long unacknowledged,
            long redelivered) {

        @Override
        public String toString() {
            return "%s: acknowledged=%d stored=%d published=%d applied=%d lost=%d duplicated=%d unacknowledged=%d redelivered=%d"
                    .formatted(
                            scenario,
                            acknowledged,
                            stored,
                            published,
                            applied,
                            lost,
                            duplicated,
                            unacknowledged,
                            redelivered);
        }
    }

    private static final Map<String, String> READ_MODELS = Map.of(
            "voicepartner.assistants", "query.assistants",
            "voicepartner.tools", "query.tools",
            "voicepartner.phone-numbers", "query.phone_numbers",
            "voicepartner.files", "query.files",
            "voicepartner.users", "query.users");

    private final ConcurrentLinkedQueue<Write> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final Map<Integer, Long> refusals = new ConcurrentHashMap<>();
    /** When the first and the last answer {@code 5xx} came ({@link System#nanoTime()}), 0 while none did. */
    private final AtomicLong firstServerError = new AtomicLong();

    private final AtomicLong lastServerError = new AtomicLong();

    void acknowledge(String topic, String aggregateId, long revision) {
        acknowledged.add(new Write(topic, aggregateId, revision));
    }

    /** Records the write a response acknowledged ({@code 2xx} with the resource's id and revision), or a give-up. */
    boolean record(String topic, Api.Response response) {
        if (response.status() / 100 == 2 && response.data().has("revision")) {
            acknowledge(
                    topic,
                    response.data().path("id").asText(),
                    response.data().path("revision").asLong());
            return true;
        }
        unacknowledged.incrementAndGet();
        refusals.merge(response.status(), 1L, Long::sum);
        if (response.status() >= 500) {
            long now = System.nanoTime();
            firstServerError.compareAndSet(0, now);
            lastServerError.set(now);
        }
        return false;
    }

    /** From the first answer {@code 5xx} to the last: how long clients saw the platform fail, zero if they never did. */
    Duration serverErrorWindow() {
        return Duration.ofNanos(lastServerError.get() - firstServerError.get());
    }

    /** The statuses of the answers that acknowledged nothing, with how many of each. */
    Map<Integer, Long> refusals() {
        return Map.copyOf(refusals);
    }

    void gaveUp() {
        unacknowledged.incrementAndGet();
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    /** How many writes have acknowledged nothing so far (refused, or given up on). */
    long unacknowledgedCount() {
        return unacknowledged.get();
    }

    List<Write> writes() {
        return List.copyOf(acknowledged);
    }

    /**
     * Waits (bounded) until every acknowledged write is in the store, on its topic and in its read model,
     * then counts. A write that never gets there counts as lost once the wait is over.
     */
    Counts settle(String scenario, TestInfrastructure.Database database, String bootstrapServers, Duration atMost) {
        try {
            await().atMost(atMost)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> check(scenario, database, bootstrapServers).lost() == 0);
        } catch (ConditionTimeoutException e) {
            // the counts below say what is missing
        }
        Counts counts = check(scenario, database, bootstrapServers);
        report(counts);
        return counts;
    }

    Counts check(String scenario, TestInfrastructure.Database database, String bootstrapServers) {
        List<Write> writes = writes();
        Map<String, Set<Long>> stored = new HashMap<>();
        Map<String, Long> storedCopies = new HashMap<>();
        Map<String, Long> readRevisions = new HashMap<>();
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            for (Write write : writes) {
                if (stored.containsKey(write.aggregateId())) {
                    continue;
                }
                Set<Long> revisions = new HashSet<>();
                long copies = 0;
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT sequence_number FROM command.domain_event_entry WHERE aggregate_identifier = ?")) {
                    statement.setString(1, write.aggregateId());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            revisions.add(rows.getLong(1) + 1);
                            copies++;
                        }
                    }
                }
                stored.put(write.aggregateId(), revisions);
                storedCopies.put(write.aggregateId(), copies);
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT revision FROM " + READ_MODELS.get(write.topic()) + " WHERE id = ?")) {
                    statement.setString(1, write.aggregateId());
                    try (ResultSet rows = statement.executeQuery()) {
                        readRevisions.put(write.aggregateId(), rows.next() ? rows.getLong(1) : 0L);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Map<Long, Long>> published = published(bootstrapServers, writes);

        long inStore = 0;
        long onTopic = 0;
        long applied = 0;
        long lost = 0;
        for (Write write : writes) {
            boolean isStored = stored.get(write.aggregateId()).contains(write.revision());
            boolean isPublished =
                    published.getOrDefault(write.aggregateId(), Map.of()).containsKey(write.revision());
            boolean isApplied = readRevisions.get(write.aggregateId()) >= write.revision();
            inStore += isStored ? 1 : 0;
            onTopic += isPublished ? 1 : 0;
            applied += isApplied ? 1 : 0;
            lost += isStored && isPublished && isApplied ? 0 : 1;
        }
        long duplicated = 0;
        for (String aggregate : stored.keySet()) {
            duplicated += Math.max(
                    0, storedCopies.get(aggregate) - stored.get(aggregate).size());
            duplicated += Math.max(
                    0, readRevisions.get(aggregate) - stored.get(aggregate).size());
        }
        long redelivered = published.values().stream()
                .flatMap(copies -> copies.values().stream())
                .mapToLong(copies -> copies - 1)
                .sum();
        return new Counts(
                scenario,
                writes.size(),
                inStore,
                onTopic,
                applied,
                lost,
                duplicated,
                unacknowledged.get(),
                redelivered);
    }

    /** Copies of each revision of each acknowledged aggregate on its topic, read from the beginning to the end. */
    private static Map<String, Map<Long, Long>> published(String bootstrapServers, List<Write> writes) {
        Set<String> aggregates = new HashSet<>();
        Set<String> topics = new HashSet<>();
        writes.forEach(write -> {
            aggregates.add(write.aggregateId());
            topics.add(write.topic());
        });
        Map<String, Map<Long, Long>> copies = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (aggregates.contains(record.key())) {
                        long revision =
                                envelope(record.value()).path("revision").asLong();
                        copies.computeIfAbsent(record.key(), key -> new HashMap<>())
                                .merge(revision, 1L, Long::sum);
                    }
                }
            }
        }
        return copies;
    }

    private static JsonNode envelope(byte[] value) {
        try {
            return Api.JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Printed and written to {@code target/reliability/<scenario>.txt}, for RELIABILITY.md. */
    private static void report(Counts counts) {
        System.out.println("RELIABILITY " + counts);
        try {
            Path directory = Path.of("target", "reliability");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(counts.scenario() + ".txt"), counts + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
