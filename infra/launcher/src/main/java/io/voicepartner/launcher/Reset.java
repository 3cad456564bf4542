package io.voicepartner.launcher;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.support.persistence.DatabaseEnvironment;
import io.voicepartner.support.persistence.DatabaseUrl;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Wipes a development platform back to nothing: every table of the event store's, the read models' and
 * analytics' schemas (events, tokens, credentials, idempotency keys, lookups, read models, facts; not
 * Flyway's history), the platform's Kafka topics (deleted and created again as the sides create them) and
 * the query side's and analytics' consumer groups. Refused unless {@code VOICEPARTNER_DEV=true}, and refused
 * while anything else is connected to the database or consuming in a group: a running platform would go on
 * from positions that no longer exist. It stops nothing itself, and prints what it deleted.
 *
 * <p>{@code infra/scripts/reset}, with the environment of {@code ./run}: {@code DATABASE_URL},
 * {@code KAFKA_BOOTSTRAP_SERVERS} (unset: {@code ./run}'s broker lives in its JVM and its topics end with
 * it), {@code KAFKA_PARTITIONS}, {@code KAFKA_REPLICATION_FACTOR}, {@code QUERY_CONSUMER_GROUP},
 * {@code ANALYTICS_CONSUMER_GROUP}.
 */
public final class Reset {

    static final String FLAG = "VOICEPARTNER_DEV";
    private static final List<String> SCHEMAS = List.of("command", "query", "analytics");
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    /** Why a reset did not happen; nothing was deleted. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Map<String, String> environment;
    private final PrintStream out;

    Reset(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new Reset(System.getenv(), System.out).run();
        } catch (Refused refused) {
            System.err.println("Reset refused: " + refused.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Reset failed: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        if (!"true".equalsIgnoreCase(environment.get(FLAG))) {
            throw new Refused("it deletes every event, user and read model; set " + FLAG
                    + "=true to say that this is a development platform");
        }
        if ("true".equalsIgnoreCase(environment.get("VOICEPARTNER_PRODUCTION"))) {
            throw new Refused("VOICEPARTNER_PRODUCTION=true says that this is a production platform");
        }
        String bootstrapServers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        try (Connection database = connect()) {
            refuseWhileConnected(database);
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                wipe(database);
                out.println("Kafka: KAFKA_BOOTSTRAP_SERVERS is not set; the broker of ./run keeps its topics only"
                        + " while the platform runs, so there are none to delete");
            } else {
                wipeWithKafka(database, bootstrapServers);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
        out.println("Reset done: start the platform to begin again from an empty store");
    }

    private void wipeWithKafka(Connection database, String bootstrapServers) throws SQLException {
        try (Admin kafka = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) KAFKA_TIMEOUT.toMillis() / 2,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) KAFKA_TIMEOUT.toMillis()))) {
            List<String> groups = List.of(
                    environment.getOrDefault("QUERY_CONSUMER_GROUP", "voicepartner-query-side"),
                    environment.getOrDefault("ANALYTICS_CONSUMER_GROUP", "voicepartner-analytics"));
            groups.forEach(group -> refuseWhileConsuming(kafka, group));
            wipe(database);
            // before the topics go: an empty group whose offsets went with them may vanish by itself
            groups.forEach(group -> deleteGroup(kafka, group));
            recreateTopics(kafka);
        }
    }

    private Connection connect() throws SQLException {
        String url = environment.get("DATABASE_URL");
        DatabaseUrl database =
                DatabaseUrl.parse(url == null || url.isBlank() ? DatabaseEnvironment.LOCAL_DATABASE : url);
        Properties credentials = new Properties();
        credentials.setProperty("user", database.username().orElse(DatabaseEnvironment.LOCAL_USER));
        database.password().ifPresent(password -> credentials.setProperty("password", password));
        out.println("Database: " + database.databaseName());
        return DriverManager.getConnection(database.jdbcUrl(), credentials);
    }

    static void refuseWhileConnected(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet others = statement.executeQuery("SELECT count(*), string_agg(DISTINCT coalesce("
                        + "nullif(application_name, ''), 'unnamed'), ', ') FROM pg_stat_activity WHERE datname = "
                        + "current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
            others.next();
            if (others.getInt(1) > 0) {
                throw new Refused(others.getInt(1) + " other connection(s) to the database (" + others.getString(2)
                        + "): stop the platform first");
            }
        }
    }

    static void refuseWhileConsuming(Admin kafka, String group) {
        ConsumerGroupDescription description;
        try {
            description = kafka.describeConsumerGroups(List.of(group))
                    .all()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw kafkaFailure(e);
        } catch (Exception e) {
            throw kafkaFailure(e);
        }
        if (description != null && !description.members().isEmpty()) {
            throw new Refused("consumer group " + group + " has "
                    + description.members().size() + " member(s): stop the platform first");
        }
    }

    /** Every table of the schemas but Flyway's history, emptied in one statement and one transaction. */
    private void wipe(Connection database) throws SQLException {
        database.setAutoCommit(false);
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement statement = database.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
                    + " WHERE schemaname IN ('" + String.join("', '", SCHEMAS) + "')"
                    + " AND tablename <> 'flyway_schema_history' ORDER BY 1")) {
                while (tables.next()) {
                    rows.put(tables.getString(1), 0L);
                }
            }
            for (String table : List.copyOf(rows.keySet())) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
            if (!rows.isEmpty()) {
                statement.execute("TRUNCATE " + String.join(", ", rows.keySet()) + " RESTART IDENTITY");
            }
            database.commit();
        } catch (SQLException e) {
            database.rollback();
            throw e;
        }
        if (rows.isEmpty()) {
            out.println("  no platform tables (the platform has never started on this database)");
        }
        rows.forEach((table, count) -> out.println("  emptied " + table + " (" + count + " rows)"));
    }

    /**
     * Deletes the platform's topics and creates the event topics again as the command side does (kept forever,
     * as many partitions). The consumers' dead-letter topics are left to the consumers, which create them at
     * start with their own retention.
     */
    void recreateTopics(Admin kafka) {
        int partitions = Integer.parseInt(environment.getOrDefault("KAFKA_PARTITIONS", "6"));
        short replicationFactor = Short.parseShort(environment.getOrDefault("KAFKA_REPLICATION_FACTOR", "1"));
        List<NewTopic> topics = Arrays.stream(AggregateType.values())
                .map(type -> new NewTopic(type.topic(), partitions, replicationFactor)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                .toList();
        try {
            List<String> existing =
                    kafka.listTopics().names().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                            .filter(name -> name.startsWith("voicepartner."))
                            .sorted()
                            .toList();
            Map<String, Long> records = recordCounts(kafka, existing);
            kafka.deleteTopics(existing).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            existing.forEach(
                    topic -> out.println("  deleted topic " + topic + " (" + records.get(topic) + " records)"));
            create(kafka, topics);
        } catch (Exception e) {
            throw kafkaFailure(e);
        }
        out.println("  created " + topics.size() + " topics with " + partitions + " partitions each");
    }

    static Map<String, Long> recordCounts(Admin kafka, List<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        kafka.describeTopics(topics)
                .allTopicNames()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((name, description) -> description
                        .partitions()
                        .forEach(partition -> partitions.add(new TopicPartition(name, partition.partition()))));
        Map<TopicPartition, Long> earliest = offsets(kafka, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(kafka, partitions, OffsetSpec.latest());
        return partitions.stream()
                .collect(Collectors.groupingBy(
                        TopicPartition::topic,
                        Collectors.summingLong(partition -> latest.get(partition) - earliest.get(partition))));
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return kafka
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec)))
                .all()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** A deleted topic is gone from the broker a little after its deletion is acknowledged: retried until then. */
    private static void create(Admin kafka, List<NewTopic> topics) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<NewTopic> missing = topics;
        while (!missing.isEmpty()) {
            List<NewTopic> failed = new ArrayList<>();
            Map<String, KafkaFuture<Void>> results = kafka.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    results.get(topic.name()).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)
                            || Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    failed.add(topic);
                }
            }
            missing = failed;
            if (!missing.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    void deleteGroup(Admin kafka, String group) {
        try {
            kafka.deleteConsumerGroups(List.of(group)).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("  deleted consumer group " + group);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw kafkaFailure(e);
            }
        } catch (Exception e) {
            throw kafkaFailure(e);
        }
    }

    static RuntimeException kafkaFailure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Kafka: " + cause.getMessage(), cause);
    }
}
