package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.support.json.JsonConventions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ANALYTICS_REBUILD=true}: on start, the analytics forget how far their consumer group had read and count
 * every topic again from the start. A platform of its own (own database, own broker) starts on a topic that already
 * holds an assistant's creation which the analytics group had read past: only a rebuild on start counts it.
 */
@BesideTheOthers
class AnalyticsRebuildOnStartIT {

    private static final String GROUP = "voicepartner-analytics";
    private static final int PARTITIONS = 6;
    private static final String OWNER = "owner-" + UUID.randomUUID();
    private static LocalKafka kafka;
    private static ConfigurableApplicationContext platform;

    @BeforeAll
    static void startAPlatformOfItsOwnWithTheRebuild(@TempDir Path files) throws Exception {
        kafka = LocalKafka.start(0);
        readPastAnAssistantsCreation(kafka.bootstrapServers());
        platform = InProcessPlatform.start(TestInfrastructure.newDatabase(), kafka, files, "--ANALYTICS_REBUILD=true");
    }

    @AfterAll
    static void stopIt() {
        InProcessPlatform.stop(platform, kafka);
    }

    @Test
    void aStartWithTheRebuildCountsWhatTheGroupHadAlreadyReadPast() {
        JdbcClient jdbc = platform.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("SELECT count(*) FROM analytics.assistants_created WHERE owner_id = ?")
                                        .param(OWNER)
                                        .query(Long.class)
                                        .single())
                        .isEqualTo(1));
    }

    /** The assistants' topic with one creation on it, and the analytics group's offsets at its end. */
    private static void readPastAnAssistantsCreation(String bootstrapServers) throws Exception {
        String topic = AggregateType.ASSISTANT.topic();
        String assistantId = UUID.randomUUID().toString();
        AssistantCreated created = new AssistantCreated(
                assistantId,
                OWNER,
                new AssistantConfiguration(
                        "Before the start",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        AssistantStatus.DRAFT,
                        true,
                        Map.of()));
        EventCatalogue.EventType type = EventCatalogue.of(AssistantCreated.class);
        byte[] value = JsonConventions.newObjectMapper()
                .writeValueAsBytes(new EventEnvelope(
                        UUID.randomUUID().toString(),
                        type.name(),
                        AggregateType.ASSISTANT.wireName(),
                        assistantId,
                        1,
                        1,
                        OWNER,
                        OWNER,
                        null,
                        Instant.now(),
                        type.schemaVersion(),
                        created));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
            producer.send(new ProducerRecord<>(topic, assistantId, value)).get();
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(partition -> new TopicPartition(topic, partition))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> ends = admin
                    .listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            end -> new OffsetAndMetadata(end.getValue().offset())));
            assertThat(ends.values().stream()
                            .mapToLong(OffsetAndMetadata::offset)
                            .sum())
                    .isEqualTo(1);
            admin.alterConsumerGroupOffsets(GROUP, ends).all().get();
        }
    }
}
