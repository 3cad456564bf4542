package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.voicepartner.api.messaging.AggregateType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The topic contract as an outsider reads it: every record the platform publishes for a user's activity
 * validates against the JSON Schema of its message's payload in {@code asyncapi.yaml} (the envelope, the
 * event's {@code type} and {@code aggregate_type}, and its {@code data}).
 */
class TopicContractIT extends PlatformIT {

    private static final String DOCUMENT = "https://voicepartner.io/asyncapi.json";

    private static final Set<String> PRODUCED = Set.of(
            "UserRegistered",
            "AssistantCreated",
            "AssistantUpdated",
            "ToolsAssigned",
            "ToolUnassigned",
            "AssistantDeleted",
            "ToolCreated",
            "ToolUpdated",
            "ToolExecutionRecorded",
            "ToolDeleted",
            "PhoneNumberCreated",
            "PhoneNumberUpdated",
            "PhoneCallRecorded",
            "PhoneNumberDeleted",
            "FileUploaded",
            "FilesAssigned",
            "FileDescriptionUpdated",
            "FileDeleted",
            "SignInSucceeded",
            "PasswordChanged",
            "SignedOut");

    @Test
    void everyPublishedEventValidatesAgainstItsDocumentedSchema() {
        Api.User user = api().signUp();
        Api alice = api().as(user);
        String assistant = id(alice.post("/api/assistants", Map.of("name", "Front desk")));
        alice.put("/api/assistants/" + assistant, Map.of("temperature", 0.3));
        String tool = id(alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Weather",
                        "endpoint",
                        "https://api.example.com/w",
                        "authentication",
                        Map.of("type", "bearer", "token", "sk_live_contract_0123456789"))));
        alice.put("/api/tools/" + tool, Map.of("category", "data"));
        alice.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(tool)));
        alice.post(
                "/api/tools/" + tool + "/executions",
                Map.of(
                        "duration_ms",
                        12,
                        "success",
                        true,
                        "assistant_id",
                        assistant,
                        "occurred_at",
                        Instant.now().toString()));
        String number = id(alice.post(
                "/api/phone-numbers",
                Map.of(
                        "phone_number",
                        "+49 30 " + ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000),
                        "assistant_id",
                        assistant)));
        alice.put("/api/phone-numbers/" + number, Map.of("friendly_name", "Hotline"));
        alice.post(
                "/api/phone-numbers/" + number + "/usage",
                Map.of(
                        "call_seconds",
                        30,
                        "direction",
                        "inbound",
                        "assistant_id",
                        assistant,
                        "occurred_at",
                        Instant.now().toString()));
        String file =
                id(alice.upload("/api/files", Map.of(), "notes.txt", "Opening hours".getBytes(StandardCharsets.UTF_8)));
        alice.post("/api/assistants/" + assistant + "/files", Map.of("file_ids", List.of(file)));
        alice.put("/api/files/" + file, Map.of("description", "When we are open"));
        long revision = alice.get("/api/assistants/" + assistant)
                .data()
                .path("revision")
                .asLong();
        alice.delete("/api/tools/" + tool);
        // the clean-up takes the deleted tool from the assistant after the deletion commits, and passes over an
        // assistant deleted first: the assistant goes once its ToolUnassigned has moved its revision (its list of
        // tools shows none as soon as the tool is deleted, before the clean-up)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alice.get("/api/assistants/" + assistant)
                                .data()
                                .path("revision")
                                .asLong()
                        > revision);
        alice.delete("/api/phone-numbers/" + number);
        alice.delete("/api/files/" + file);
        alice.delete("/api/assistants/" + assistant);
        String fresh = alice.post(
                        "/api/users/me/password",
                        Map.of("current_password", user.password(), "new_password", "staple battery horse"))
                .data()
                .path("access_token")
                .asText();
        api().withHeader("Authorization", "Bearer " + fresh).post("/api/users/me/sign-out", Map.of());

        Map<String, Schema> schemas = new HashMap<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(DOCUMENT, asyncApiAsJson())));
        Set<String> seen = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            seen.clear();
            violations.clear();
            for (JsonNode record : recordsOf(user.id())) {
                String type = record.path("type").asText();
                seen.add(type);
                Schema schema = schemas.computeIfAbsent(
                        type,
                        name -> registry.getSchema(
                                SchemaLocation.of(DOCUMENT + "#/components/messages/" + name + "/payload")));
                List<Error> errors = schema.validate(record);
                if (!errors.isEmpty()) {
                    violations.add(type + ": " + errors + " in " + record);
                }
            }
            assertThat(seen).containsAll(PRODUCED);
        });
        assertThat(violations).isEmpty();
    }

    /** Every record on every topic whose owner is the user, read from the start like a new consumer would. */
    private static List<JsonNode> recordsOf(String ownerId) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (AggregateType type : AggregateType.values()) {
                consumer.partitionsFor(type.topic())
                        .forEach(info -> partitions.add(new TopicPartition(type.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> readTree(record.value())
                                .filter(value ->
                                        ownerId.equals(value.path("owner_id").asText()))
                                .ifPresent(found::add));
            }
        }
        return found;
    }

    private static String asyncApiAsJson() {
        try (InputStream in = TopicContractIT.class.getResourceAsStream("/asyncapi.yaml")) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return Api.JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Empty for a record that is not JSON: other tests put such poison records on the shared topics
     * themselves, and they are not the platform's (this user's records are JSON, or fail the schema check).
     */
    private static Optional<JsonNode> readTree(byte[] value) {
        try {
            return Optional.of(Api.JSON.readTree(value));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String id(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 202);
        return response.data().path("id").asText();
    }
}
