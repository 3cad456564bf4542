package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.support.security.ApiKeyUse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The query side's projection as a fault test handles it: its consumers stopped and started, their groups'
 * committed offsets moved back to the beginning (what a consumer killed before it committed would find),
 * and its read-model tables read row by row or emptied. Every consumer of the query side is handled, not the
 * configuration one alone: emptying the tables empties usage's and the keys' too, which only their own
 * consumers fill again.
 */
final class Projections {

    /** A {@code @KafkaListener} of the query side: its id, its group's suffix and its topics. */
    private record Consumer(String listener, String groupSuffix, List<String> topics) {}

    private static final List<Consumer> CONSUMERS = List.of(
            // EventConsumer: every configuration topic
            new Consumer(
                    "read-models",
                    "",
                    Arrays.stream(AggregateType.values())
                            .filter(type -> type != AggregateType.USAGE)
                            .map(AggregateType::topic)
                            .toList()),
            // EventConsumer's usage listener, a group of its own (ADR 0017)
            new Consumer("read-models-usage", "-usage", List.of(AggregateType.USAGE.topic())),
            // ApiKeyUseConsumer: the keys' last_used_at (ADR 0028)
            new Consumer("api-key-uses", "-api-key-uses", List.of(ApiKeyUse.TOPIC)));

    /**
     * The consumers' log of parked records, not a read model: a record that can never be processed (another
     * test's garbage on a topic of the shared platform) is parked again each time it is delivered again.
     */
    private static final String PARKING_LOG = "query.dead_letters";

    private static final String EVENT_FEED = "query.events";
    /** When the query schema was created: webhooks deliver only what occurred after it (ADR 0038); not derived. */
    private static final String WEBHOOK_HORIZON = "query.webhook_horizon";
    /** The feed's generation, made with the query schema (ADR 0041): a rebuild keeps it as it keeps the feed. */
    private static final String FEED_GENERATION = "query.feed_generation";

    private final KafkaListenerEndpointRegistry listeners;
    private final String group;
    private final String bootstrapServers;
    private final TestInfrastructure.Database database;

    /** @param group the query side's consumer group ({@code voicepartner.query.consumer-group}), the others' prefix */
    Projections(
            KafkaListenerEndpointRegistry listeners,
            String group,
            String bootstrapServers,
            TestInfrastructure.Database database) {
        this.listeners = listeners;
        this.group = group;
        this.bootstrapServers = bootstrapServers;
        this.database = database;
    }

    void stop() {
        for (Consumer consumer : CONSUMERS) {
            MessageListenerContainer container = listeners.getListenerContainer(consumer.listener());
            container.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
        }
    }

    void start() {
        CONSUMERS.forEach(
                consumer -> listeners.getListenerContainer(consumer.listener()).start());
    }

    /** Moves the stopped groups' committed offsets to the start of their topics: every record comes again. */
    void rewindToTheBeginning() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Consumer consumer : CONSUMERS) {
                Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
                for (String topic : consumer.topics()) {
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()
                            .forEach(info -> beginning.put(
                                    new TopicPartition(topic, info.partition()), new OffsetAndMetadata(0)));
                }
                // a group is empty only once its stopped consumer's session has left it
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> {
                            admin.alterConsumerGroupOffsets(group + consumer.groupSuffix(), beginning)
                                    .all()
                                    .get(30, TimeUnit.SECONDS);
                            return true;
                        });
            }
        }
    }

    /** Waits (bounded) until every group has consumed every record now on its topics. */
    void awaitCaughtUp(Duration atMost) {
        TopicReader topics = new TopicReader(bootstrapServers);
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    for (Consumer consumer : CONSUMERS) {
                        for (String topic : consumer.topics()) {
                            if (!topics.consumedEverything(group + consumer.groupSuffix(), topic)) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
    }

    /** Every row of every read-model table, each as its text, sorted: two snapshots compare row by row. */
    Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String table : tables(statement)) {
                if (table.equals(PARKING_LOG)) {
                    continue;
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /**
     * Empties every read-model table (Flyway's history kept): a rebuild starts from here. Not the public event feed,
     * which is no read model: its positions are clients' cursors, and a replay must find every event there and append
     * nothing (ADR 0031); nor the webhooks' horizon and the feed's generation, the schema's own, which no event derives.
     */
    void truncate() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE "
                    + String.join(
                            ", ",
                            tables(statement).stream()
                                    .filter(table -> !List.of(EVENT_FEED, WEBHOOK_HORIZON, FEED_GENERATION)
                                            .contains(table))
                                    .toList()));
        }
    }

    private static List<String> tables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet names = statement.executeQuery("SELECT 'query.' || table_name FROM information_schema.tables "
                + "WHERE table_schema = 'query' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%' "
                + "ORDER BY 1")) {
            while (names.next()) {
                tables.add(names.getString(1));
            }
        }
        return tables;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
