package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import io.voicepartner.api.messaging.AggregateType;
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
 * The query side's projection as a fault test handles it: its consumer stopped and started, its group's
 * committed offsets moved back to the beginning (what a consumer killed before it committed would find),
 * and its read-model tables read row by row or emptied.
 */
final class Projections {

    /** The {@code @KafkaListener} id of the query side's consumer (EventConsumer). */
    static final String LISTENER = "read-models";

    /** The topics that consumer reads: usage has a consumer and a group of its own (ADR 0017). */
    private static final List<AggregateType> TOPICS = Arrays.stream(AggregateType.values())
            .filter(type -> type != AggregateType.USAGE)
            .toList();

    /**
     * The consumers' log of parked records, not a read model: a record that can never be processed (another
     * test's garbage on a topic of the shared platform) is parked again each time it is delivered again.
     */
    private static final String PARKING_LOG = "query.dead_letters";

    private static final String EVENT_FEED = "query.events";

    private final KafkaListenerEndpointRegistry listeners;
    private final String group;
    private final String bootstrapServers;
    private final TestInfrastructure.Database database;

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
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        container.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
    }

    void start() {
        listeners.getListenerContainer(LISTENER).start();
    }

    /** Moves the stopped group's committed offsets to the start of every topic: every record comes again. */
    void rewindToTheBeginning() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            for (AggregateType type : TOPICS) {
                admin.describeTopics(List.of(type.topic()))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(type.topic())
                        .partitions()
                        .forEach(info -> beginning.put(
                                new TopicPartition(type.topic(), info.partition()), new OffsetAndMetadata(0)));
            }
            // the group is empty only once the stopped consumer's session has left it
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        admin.alterConsumerGroupOffsets(group, beginning).all().get(30, TimeUnit.SECONDS);
                        return true;
                    });
        }
    }

    /** Waits (bounded) until the group has consumed every record now on every topic. */
    void awaitCaughtUp(Duration atMost) {
        TopicReader topics = new TopicReader(bootstrapServers);
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    for (AggregateType type : TOPICS) {
                        if (!topics.consumedEverything(group, type.topic())) {
                            return false;
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
     * nothing (ADR 0031).
     */
    void truncate() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE "
                    + String.join(
                            ", ",
                            tables(statement).stream()
                                    .filter(table -> !table.equals(EVENT_FEED))
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
