package io.voicepartner.launcher;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.query.consuming.ReadModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rebuild rate on a million events (BENCHMARKS.md, "Rebuild"); a benchmark, not a test. It starts the
 * platform on a database and a broker of its own with the live projection stopped (so that it does not
 * compete for the machine), writes one user's realistic history through the HTTP API (a user, tools with and
 * without credentials, an assistant changed three times with tools assigned, a phone number), copies those
 * very records onto the topics under fresh ids until there are {@code EVENTS} of them, and then rebuilds
 * every read model with {@code infra/scripts/rebuild}'s code, timing it, and times PostgreSQL's {@code COPY} of the rows
 * it made into empty unlogged tables, the yardstick of issue 23. A second argument {@code event-by-event} rebuilds the
 * way it did before ADR 0044.
 *
 * <pre>./mvnw -o -q test-compile dependency:build-classpath -pl infra/launcher -am -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat /tmp/cp) io.voicepartner.launcher.RebuildBenchmark [events [event-by-event]]</pre>
 */
public final class RebuildBenchmark {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern GLOBAL_POSITION = Pattern.compile("\"global_position\":\\d+");
    /** Every topic: a sign-up also writes the user's organization (ADR 0027), a sign-in a record of its own. */
    private static final List<String> TOPICS =
            Arrays.stream(AggregateType.values()).map(AggregateType::topic).toList();

    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        // the path before ADR 0044, every event applied as SQL statements, for a comparison in the same harness
        boolean eventByEvent = args.length > 1 && args[1].equals("event-by-event");
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        Path files = Files.createTempDirectory("voicepartner-bench-files-");
        try (ConfigurableApplicationContext platform = InProcessPlatform.start(
                database,
                kafka,
                files,
                "--spring.kafka.listener.auto-startup=false",
                "--voicepartner.read-your-writes.timeout=1ms",
                // the PostgreSQL of a shared machine has few connections to spare; the rebuild uses 4 at once
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--voicepartner.rebuild.fold=" + !eventByEvent)) {
            Api api = InProcessPlatform.api(platform);
            writeTemplate(api);
            List<ConsumerRecord<String, byte[]>> template = read(kafka.bootstrapServers(), storedEvents(database));
            System.out.printf("template: %d events of one user's history%n", template.size());
            long started = System.nanoTime();
            long written = copy(kafka.bootstrapServers(), template, events);
            System.out.printf(
                    "wrote %,d events to the topics in %.1f s%n", written, (System.nanoTime() - started) / 1e9);

            System.out.println("load average before the rebuild: "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            started = System.nanoTime();
            Rebuild.Outcome outcome = new Rebuild(
                            Map.of("DATABASE_URL", database.jdbcUrl() + "?user=" + database.username()), System.out)
                    .run(List.of("all"), false);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println("load average after the rebuild: "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(
                    "rebuild %s (%s): %,d events in %.1f s (request to swap) = %,.0f events/s%n",
                    outcome.status(),
                    eventByEvent ? "event by event" : "folded, COPY",
                    outcome.events(),
                    seconds,
                    outcome.events() / seconds);
            double copySeconds = copyBaseline(database);
            System.out.printf(
                    "baseline: COPY of the same rows into empty unlogged tables in %.1f s = %,.0f events/s; "
                            + "rebuild / baseline = %.2f x%n",
                    copySeconds, outcome.events() / copySeconds, copySeconds / seconds);
        } finally {
            kafka.stop();
            try (var paths = Files.walk(files)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * Issue 23's yardstick, measured in the same run: the rows the rebuild just swapped in, every read model's, read out
     * with {@code COPY … TO STDOUT} (untimed) and written back with {@code COPY … FROM STDIN} into empty unlogged tables
     * made {@code LIKE} the served ones, with their keys and indexes (what the rebuild's tables end with), one table
     * after the other on one connection.
     *
     * @return the seconds the {@code COPY … FROM} statements took together
     */
    private static double copyBaseline(TestInfrastructure.Database database) throws SQLException, IOException {
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS copy_baseline CASCADE");
                statement.execute("CREATE SCHEMA copy_baseline");
            }
            long nanos = 0;
            long rows = 0;
            for (ReadModel model : ReadModel.values()) {
                for (String table : model.tables()) {
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    copy.copyOut("COPY query." + table + " TO STDOUT", text);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE UNLOGGED TABLE copy_baseline." + table + " (LIKE query." + table
                                + " INCLUDING ALL)");
                    }
                    long started = System.nanoTime();
                    rows += copy.copyIn(
                            "COPY copy_baseline." + table + " FROM STDIN",
                            new ByteArrayInputStream(text.toByteArray()));
                    nanos += System.nanoTime() - started;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA copy_baseline CASCADE");
            }
            System.out.printf("baseline: %,d rows in the read models' tables%n", rows);
            return nanos / 1e9;
        }
    }

    private static void writeTemplate(Api anonymous) {
        // the projection is off, so a sign-up answers 202 rather than the 201 Api.signUp expects
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        String id = anonymous
                .post("/api/users", Map.of("email", email, "password", "correct horse battery", "name", "Ada"))
                .data()
                .path("id")
                .asText();
        Api ada = anonymous.as(
                new Api.User(id, email, "correct horse battery", anonymous.login(email, "correct horse battery")));
        String weather = ada.post(
                        "/api/tools",
                        Map.of(
                                "name",
                                "Weather",
                                "endpoint",
                                "https://api.example.com/weather",
                                "category",
                                "data",
                                "parameters",
                                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))
                .data()
                .path("id")
                .asText();
        String crm = ada.post(
                        "/api/tools",
                        Map.of(
                                "name",
                                "CRM lookup",
                                "endpoint",
                                "https://crm.example.com/api",
                                "method",
                                "POST",
                                "authentication",
                                Map.of("type", "bearer", "token", "sk-live-0123456789abcdef")))
                .data()
                .path("id")
                .asText();
        ada.patch("/api/tools/" + crm, Map.of("description", "Finds the caller in the CRM"));
        String assistant = ada.post(
                        "/api/assistants",
                        Map.of(
                                "name",
                                "Front desk",
                                "system_prompt",
                                "You answer the phone for a dental practice. Be brief and friendly.",
                                "temperature",
                                0.7,
                                "language",
                                "de-DE",
                                "first_message",
                                "Praxis Dr. Weber, guten Tag!"))
                .data()
                .path("id")
                .asText();
        ada.post("/api/assistants/" + assistant + "/tools", Map.of("tool_ids", List.of(weather, crm)));
        ada.patch("/api/assistants/" + assistant, Map.of("name", "Reception"));
        ada.patch("/api/assistants/" + assistant, Map.of("temperature", 0.4, "voice_provider", "elevenlabs"));
        ada.patch("/api/assistants/" + assistant, Map.of("max_tokens", 400));
        ada.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+49 30 5550100", "friendly_name", "Practice", "assistant_id", assistant));
    }

    private static int storedEvents(TestInfrastructure.Database database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM command.domain_event_entry")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = TOPICS.stream()
                    .flatMap(topic -> Optional.ofNullable(consumer.partitionsFor(topic)).orElse(List.of()).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() != count) {
            throw new IllegalStateException("expected " + count + " template events, found " + records.size());
        }
        records.sort(Comparator.comparingLong(record -> globalPosition(record.value())));
        return records;
    }

    private static long globalPosition(byte[] value) {
        Matcher position = GLOBAL_POSITION.matcher(new String(value, StandardCharsets.UTF_8));
        return position.find()
                ? Long.parseLong(position.group().substring(position.group().indexOf(':') + 1))
                : 0;
    }

    /** Copies of the template under fresh ids (every id in it replaced consistently) until there are enough. */
    private static long copy(String bootstrapServers, List<ConsumerRecord<String, byte[]>> template, long events) {
        long written = 0;
        long position = 1_000;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"))) {
            while (written < events) {
                Map<String, String> ids = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : template) {
                    String value = replaceIds(new String(record.value(), StandardCharsets.UTF_8), ids);
                    value = GLOBAL_POSITION.matcher(value).replaceFirst("\"global_position\":" + position++);
                    // acknowledged together by the producer's close
                    var unused = producer.send(new ProducerRecord<>(
                            record.topic(),
                            ids.computeIfAbsent(
                                    record.key(), id -> UUID.randomUUID().toString()),
                            value.getBytes(StandardCharsets.UTF_8)));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    private static String replaceIds(String json, Map<String, String> ids) {
        Matcher id = UUID_TEXT.matcher(json);
        StringBuilder replaced = new StringBuilder();
        while (id.find()) {
            id.appendReplacement(
                    replaced,
                    ids.computeIfAbsent(id.group(), old -> UUID.randomUUID().toString()));
        }
        return id.appendTail(replaced).toString();
    }
}
