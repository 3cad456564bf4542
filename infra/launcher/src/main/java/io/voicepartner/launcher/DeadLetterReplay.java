package io.voicepartner.launcher;

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

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the records parked on a dead-letter topic ({@code <topic>-dlt}) back to their topic, in their
 * order, once the projector that could not apply them is fixed: the query side then applies them as if
 * they had never failed. Only one aggregate's letters when its id is given. Replaying twice is harmless:
 * the read models skip an event at or below the revision they hold.
 *
 * <p>{@code infra/scripts/replay-dead-letters voicepartner.assistants [aggregate-id]}, with
 * {@code KAFKA_BOOTSTRAP_SERVERS} as for the platform.
 */
public final class DeadLetterReplay {

    static final String DEAD_LETTER_SUFFIX = "-dlt";
    /** Headers the dead-letter recoverer adds (exception, original offset): not part of the event. */
    private static final String RECOVERER_HEADER_PREFIX = "kafka_dlt-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || args[0].endsWith(DEAD_LETTER_SUFFIX)) {
            System.err.println("usage: replay-dead-letters <topic, e.g. voicepartner.assistants> [aggregate-id]");
            System.exit(2);
        }
        String bootstrapServers = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        int replayed = replay(bootstrapServers, args[0], args.length == 2 ? args[1] : null, System.out);
        System.out.println("Replayed " + replayed + " dead letter(s) onto " + args[0] + ".");
    }

    /** @param aggregateId only this aggregate's letters, or every letter when {@code null} */
    static int replay(String bootstrapServers, String topic, String aggregateId, PrintStream out)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConsumerRecord<String, byte[]>> letters = letters(bootstrapServers, topic + DEAD_LETTER_SUFFIX, aggregateId);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (ConsumerRecord<String, byte[]> letter : letters) {
                RecordHeaders headers = new RecordHeaders();
                for (Header header : letter.headers()) {
                    if (!header.key().startsWith(RECOVERER_HEADER_PREFIX)) {
                        headers.add(header);
                    }
                }
                // keyed as before, so the letter lands on its aggregate's partition, after what it missed
                producer.send(new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers))
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                out.println("replayed " + letter.key() + " from " + letter.topic() + "-" + letter.partition()
                        + "@" + letter.offset());
            }
        }
        return letters.size();
    }

    /** Every letter now on the dead-letter topic, in partition order (one aggregate is on one partition). */
    private static List<ConsumerRecord<String, byte[]>> letters(String bootstrapServers, String deadLetterTopic,
                                                                 String aggregateId) {
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + deadLetterTopic + " to its end in " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && (aggregateId == null || aggregateId.equals(record.key()))) {
                        letters.add(record);
                    }
                }
            }
        }
        return letters;
    }
}
