package io.voicepartner.launcher;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the records the consumers parked ({@code query.dead_letters}, {@code analytics.dead_letters}, not yet
 * replayed) back to their topic, in their order, once what could not process them is fixed: the consumers then
 * process them as if they had never failed, and the rows are marked replayed. The letters are read from the
 * dead-letter topics ({@code <topic>-dlt}, {@code <topic>-analytics-dlt}); a record both consumers parked is sent
 * once. Only one aggregate's when its id is given. Replaying twice is harmless: the read models skip an event at
 * or below the revision they hold, analytics one whose id it has.
 */
final class DeadLetterReplay {

    /** The dead-letter topics of a topic, by the schema whose {@code dead_letters} lists their letters. */
    private static final Map<String, String> SUFFIX_BY_SCHEMA = Map.of("query", "-dlt", "analytics", "-analytics-dlt");
    /** Headers the dead-letter recoverer adds (exception, original offset): not part of the event. */
    private static final String RECOVERER_HEADER_PREFIX = "kafka_dlt-";

    private static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    private static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterReplay() {}

    private record Parked(String schema, long id, String topic, int partition, long offset) {}

    /**
     * @param aggregateId only this aggregate's letters, or every one when {@code null}
     * @return how many records were sent back
     */
    static int replay(Connection database, String bootstrapServers, String aggregateId, PrintStream out)
            throws SQLException, ExecutionException, InterruptedException, TimeoutException {
        Map<String, List<Parked>> byTopic = new LinkedHashMap<>();
        for (String schema : SUFFIX_BY_SCHEMA.keySet()) {
            unreplayed(database, schema, aggregateId)
                    .forEach(parked -> byTopic.computeIfAbsent(parked.topic(), topic -> new ArrayList<>())
                            .add(parked));
        }
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()))) {
            for (Map.Entry<String, List<Parked>> topic : byTopic.entrySet()) {
                sent += replay(database, bootstrapServers, producer, topic.getKey(), topic.getValue(), out);
            }
        }
        return sent;
    }

    private static int replay(
            Connection database,
            String bootstrapServers,
            KafkaProducer<String, byte[]> producer,
            String topic,
            List<Parked> parked,
            PrintStream out)
            throws SQLException, ExecutionException, InterruptedException, TimeoutException {
        // one letter per original record, however many consumers parked it, in the record's order
        Map<String, ConsumerRecord<String, byte[]>> letters = new LinkedHashMap<>();
        for (String schema : SUFFIX_BY_SCHEMA.keySet()) {
            List<Parked> ofSchema =
                    parked.stream().filter(row -> row.schema().equals(schema)).toList();
            if (!ofSchema.isEmpty()) {
                for (ConsumerRecord<String, byte[]> letter :
                        letters(bootstrapServers, topic + SUFFIX_BY_SCHEMA.get(schema))) {
                    String original = originalOf(letter);
                    if (ofSchema.stream().anyMatch(row -> (row.partition() + "@" + row.offset()).equals(original))) {
                        letters.putIfAbsent(original, letter);
                    }
                }
            }
        }
        List<ConsumerRecord<String, byte[]>> ordered = new ArrayList<>(letters.values());
        ordered.sort(Comparator.comparingLong(DeadLetterReplay::originalOffset));
        for (ConsumerRecord<String, byte[]> letter : ordered) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : letter.headers()) {
                if (!header.key().startsWith(RECOVERER_HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
            // keyed as before, so the letter lands on its aggregate's partition, after what it missed
            producer.send(new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("replayed " + letter.key() + " (" + topic + "-" + originalOf(letter) + ") from "
                    + letter.topic() + "-" + letter.partition() + "@" + letter.offset());
        }
        for (Parked row : parked) {
            try (PreparedStatement replayed = database.prepareStatement(
                    "UPDATE " + row.schema() + ".dead_letters SET replayed_at = now() WHERE id = ?")) {
                replayed.setLong(1, row.id());
                replayed.executeUpdate();
            }
        }
        return ordered.size();
    }

    private static List<Parked> unreplayed(Connection database, String schema, String aggregateId) throws SQLException {
        if (!exists(database, schema + ".dead_letters")) {
            return List.of();
        }
        List<Parked> rows = new ArrayList<>();
        try (PreparedStatement select =
                database.prepareStatement("SELECT id, topic, topic_partition, record_offset FROM "
                        + schema
                        + ".dead_letters WHERE replayed_at IS NULL AND (CAST(? AS text) IS NULL OR aggregate_id = ?) "
                        + "ORDER BY id")) {
            select.setString(1, aggregateId);
            select.setString(2, aggregateId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Parked(schema, row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4)));
                }
            }
        }
        return rows;
    }

    static boolean exists(Connection database, String table) throws SQLException {
        try (PreparedStatement select = database.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static String originalOf(ConsumerRecord<String, byte[]> letter) {
        Header partition = letter.headers().lastHeader(ORIGINAL_PARTITION);
        return (partition == null
                        ? "?"
                        : Integer.toString(ByteBuffer.wrap(partition.value()).getInt())) + "@" + originalOffset(letter);
    }

    private static long originalOffset(ConsumerRecord<String, byte[]> letter) {
        Header offset = letter.headers().lastHeader(ORIGINAL_OFFSET);
        return offset == null ? -1 : ByteBuffer.wrap(offset.value()).getLong();
    }

    /** Every letter now on a dead-letter topic, in partition order (one aggregate is on one partition). */
    private static List<ConsumerRecord<String, byte[]>> letters(String bootstrapServers, String deadLetterTopic) {
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + deadLetterTopic + " to its end in " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        letters.add(record);
                    }
                }
            }
        }
        return letters;
    }
}
