package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.messaging.EventLimits;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The event contract as a property (ADR 0019): generated assistant writes, hostile shapes among them (nesting
 * past the limit and 998 deep, NUL, half surrogate pairs, numbers that overflow, strings longer than their
 * column or than a Kafka record, thousands of keys), are sent over HTTP to a platform of this test's own. Each
 * is either refused with a {@code 4xx} in the error envelope or accepted; every accepted write becomes visible
 * at its revision, and once all have been sent, every event of them is on its topic as an envelope within the
 * record limit, in analytics, and nothing was parked by the publisher, the read models or analytics.
 */
class EventContractPropertiesIT {

    private static final String TOPIC = "voicepartner.assistants";
    private static final Set<Integer> REFUSALS = Set.of(400, 413);

    private static TestInfrastructure.Database database;
    private static LocalKafka kafka;
    private static ConfigurableApplicationContext platform;
    private static Api owner;
    /** Every accepted assistant, with its revision and the bodies that made it, for the checks after all tries. */
    private static final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    private record Accepted(long revision, List<String> bodies) {}

    @BeforeContainer
    static void startAPlatformOfItsOwn() throws Exception {
        database = TestInfrastructure.newDatabase();
        kafka = LocalKafka.start(0);
        platform = InProcessPlatform.start(database, kafka, Files.createTempDirectory("voicepartner-contract-"));
        Api api = InProcessPlatform.api(platform);
        owner = api.as(api.signUp());
    }

    @AfterContainer
    static void everyAcceptedEventReachedEveryConsumer() throws Exception {
        try {
            if (!accepted.isEmpty()) {
                assertEveryEventIsOnItsTopicWithinTheRecordLimit();
                assertEveryAssistantIsInAnalytics();
                assertNothingWasParked();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
            if (kafka != null) {
                kafka.stop();
            }
        }
    }

    @Property(tries = 60)
    void everyWriteIsRefusedWithA4xxOrBecomesVisible(
            @ForAll("creations") String creation, @ForAll("patches") String patch) {
        Api.Response created = owner.send("POST", "/api/assistants", creation, "application/json");
        // how the tries ended, reported by jqwik: a contract test that refuses everything would prove little
        Statistics.label("create").collect(outcome(created));
        if (isRefusal(created)) {
            return;
        }
        assertThat(created.status()).as(created.toString()).isIn(201, 202);
        String id = created.json().path("data").path("id").asText();
        List<String> bodies = new ArrayList<>(List.of(creation));
        long revision = visibleAt(id, created);
        accepted.put(id, new Accepted(revision, List.copyOf(bodies)));

        Api.Response patched = owner.send("PATCH", "/api/assistants/" + id, patch, "application/merge-patch+json");
        Statistics.label("patch").collect(outcome(patched));
        if (isRefusal(patched)) {
            assertThat(owner.get("/api/assistants/" + id)
                            .data()
                            .path("revision")
                            .asLong())
                    .isEqualTo(revision);
            return;
        }
        assertThat(patched.status()).as(patched.toString()).isIn(200, 202);
        bodies.add(patch);
        accepted.put(id, new Accepted(visibleAt(id, patched), List.copyOf(bodies)));
    }

    private static String outcome(Api.Response response) {
        return response.status()
                + (response.status() >= 400
                        ? " " + response.error().path("code").asText()
                        : "");
    }

    /** A refusal is a 4xx in the error envelope, naming the fields at fault when it is about fields. */
    private static boolean isRefusal(Api.Response response) {
        if (!REFUSALS.contains(response.status())) {
            return false;
        }
        assertThat(response.json().path("success").asBoolean(true))
                .as(response.toString())
                .isFalse();
        String code = response.error().path("code").asText();
        assertThat(code).as(response.toString()).isIn("validation_failed", "malformed_json", "payload_too_large");
        if (code.equals("validation_failed")) {
            assertThat(response.error().path("details").findValuesAsText("field"))
                    .as(response.toString())
                    .isNotEmpty()
                    .allSatisfy(field -> assertThat(field).isNotBlank());
        }
        return true;
    }

    /** The revision the write answered with, once a read shows it (at once for a 2xx with the resource). */
    private static long visibleAt(String id, Api.Response write) {
        long revision = write.json().path("data").path("revision").asLong();
        assertThat(revision).as(write.toString()).isPositive();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(owner.get("/api/assistants/" + id)
                                .data()
                                .path("revision")
                                .asLong())
                        .isEqualTo(revision));
        return revision;
    }

    private static void assertEveryEventIsOnItsTopicWithinTheRecordLimit() {
        Map<String, Long> expected = accepted.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().revision()));
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            byKey.clear();
            readAll()
                    .forEach(record -> byKey.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add(record));
            assertThat(expected)
                    .allSatisfy((id, revision) ->
                            assertThat(byKey.getOrDefault(id, List.of())).as(id).hasSize(revision.intValue()));
        });
        for (String id : expected.keySet()) {
            for (ConsumerRecord<String, byte[]> record : byKey.get(id)) {
                assertThat(record.value().length)
                        .as("the record of %s, from %s", id, accepted.get(id).bodies())
                        .isLessThanOrEqualTo(EventLimits.MAX_EVENT_BYTES);
                JsonNode envelope = readEnvelope(record.value());
                assertThat(envelope.path("aggregate_id").asText()).isEqualTo(id);
            }
        }
    }

    private static JsonNode readEnvelope(byte[] value) {
        try {
            return Api.JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("A record is not a JSON envelope", e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static void assertEveryAssistantIsInAnalytics() throws Exception {
        try (Connection connection = connect()) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () -> assertThat(ids(connection, "SELECT assistant_id FROM analytics.assistants_created"))
                                    .containsAll(accepted.keySet()));
        }
    }

    private static void assertNothingWasParked() throws Exception {
        try (Connection connection = connect()) {
            assertThat(ids(connection, "SELECT aggregate_id FROM command.parked_events"))
                    .isEmpty();
            assertThat(ids(connection, "SELECT coalesce(aggregate_id, cause) FROM query.dead_letters"))
                    .isEmpty();
            assertThat(ids(connection, "SELECT coalesce(aggregate_id, cause) FROM analytics.dead_letters"))
                    .isEmpty();
        }
    }

    private static List<String> ids(Connection connection, String sql) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    // ---- the generated requests: JSON text, so that what no Java value holds (1e400, a lone \ud800) is sent as is

    @Provide
    Arbitrary<String> creations() {
        return Combinators.combine(
                        text(250),
                        optional("description", text(2100)),
                        optional("system_prompt", text(300)),
                        optional("llm_model", text(210)),
                        optional("language", languages()),
                        optional("temperature", number()),
                        optional("max_tokens", number()),
                        optional("capabilities", freeForm()))
                .as((name, description, prompt, model, language, temperature, maxTokens, capabilities) -> object(
                        Optional.of("\"name\": " + name),
                        description,
                        prompt,
                        model,
                        language,
                        temperature,
                        maxTokens,
                        capabilities));
    }

    @Provide
    Arbitrary<String> patches() {
        return Combinators.combine(
                        optional("name", text(250)),
                        optional("first_message", text(300)),
                        optional("fallback_language", languages()),
                        optional("voice_speed", number()),
                        optional("capabilities", freeForm()))
                .as((name, message, language, speed, capabilities) ->
                        object(name, message, language, speed, capabilities));
    }

    @SafeVarargs
    private static String object(Optional<String>... members) {
        return "{" + Arrays.stream(members).flatMap(Optional::stream).collect(Collectors.joining(", ")) + "}";
    }

    private static Arbitrary<Optional<String>> optional(String field, Arbitrary<String> value) {
        return value.map(json -> "\"" + field + "\": " + json).optional(0.6);
    }

    /**
     * Mostly ordinary strings; sometimes any character at all (NUL, control characters, half surrogate pairs),
     * around the field's longest, or larger than a Kafka record may be.
     */
    private static Arbitrary<String> text(int longest) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, shortText()),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(longest - 15, longest + 15)
                                .map("n"::repeat)
                                .map(EventContractPropertiesIT::quoted)),
                Tuple.of(1, Arbitraries.of(300_000, 600_000).map("x"::repeat).map(EventContractPropertiesIT::quoted)));
    }

    private static Arbitrary<String> shortText() {
        return Arbitraries.frequencyOf(
                        Tuple.of(
                                3,
                                Arbitraries.strings()
                                        .alpha()
                                        .numeric()
                                        .withChars(" äß-€")
                                        .ofMinLength(1)
                                        .ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.of("Grüße 👋", "日本語", "a 😀 pair", "\t tab")),
                        Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)))
                .map(EventContractPropertiesIT::quoted);
    }

    private static Arbitrary<String> languages() {
        return Arbitraries.oneOf(
                        Arbitraries.of("en-US", "de-DE", "zh-Hant-TW", "sr-Latn-RS-ekavsk"),
                        Arbitraries.integers().between(1, 6).map(n -> "de-DE" + "-abcdefg".repeat(n)),
                        Arbitraries.strings().all().ofMaxLength(8))
                .map(EventContractPropertiesIT::quoted);
    }

    private static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 40_000).map(String::valueOf),
                Arbitraries.doubles().between(-10, 10).map(String::valueOf),
                Arbitraries.of(
                        "1e400",
                        "-1e400",
                        "1e-400",
                        "123456789012345678901234567890",
                        "0.5",
                        "9223372036854775807",
                        "9223372036854775808",
                        "1.7976931348623157e308"));
    }

    /** A free-form object: ordinary, near and past the depth limit, 998 deep, wide, or holding a huge string. */
    private static Arbitrary<String> freeForm() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, json(3).filter(value -> value.startsWith("{"))),
                Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(EventLimits.MAX_DEPTH - 3, EventLimits.MAX_DEPTH + 3)
                                .map(EventContractPropertiesIT::nested)),
                Tuple.of(1, Arbitraries.just(nested(998))),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(500, 5_000)
                                .map(keys -> "{"
                                        + IntStream.range(0, keys)
                                                .mapToObj(i -> "\"k" + i + "\": " + i)
                                                .collect(Collectors.joining(", "))
                                        + "}")),
                Tuple.of(1, shortText().map(key -> "{" + key + ": " + quoted("c".repeat(200_000)) + "}")));
    }

    /** An object {@code depth} levels deep, itself the first. */
    private static String nested(int depth) {
        return "{\"a\": ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(shortText(), number(), Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> member = Combinators.combine(shortText(), Arbitraries.lazy(() -> json(depth - 1)))
                .as((key, value) -> key + ": " + value);
        return Arbitraries.frequencyOf(
                Tuple.of(1, scalar),
                Tuple.of(3, member.list().ofMaxSize(4).map(members -> "{" + String.join(", ", members) + "}")),
                Tuple.of(
                        1,
                        Arbitraries.lazy(() -> json(depth - 1))
                                .list()
                                .ofMaxSize(4)
                                .map(items -> "[" + String.join(", ", items) + "]")));
    }

    /** A JSON string literal; every surrogate and control character escaped, so a lone one reaches the server. */
    private static String quoted(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7F) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
