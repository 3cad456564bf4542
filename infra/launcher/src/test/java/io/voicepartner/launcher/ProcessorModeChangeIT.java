package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clean-up processors were tracking processors and are pooled streaming processors now (ADR 0048): a deployment
 * that upgrades must neither replay from the start nor skip what the tracking processors had not reached. A platform
 * of its own runs {@code tool-cleanup} as a tracking processor, stops it before a tool's deletion reaches it, and
 * stops; started again as it ships, its pooled processor goes on from the tracking processor's row: the tool leaves
 * the assistant that had it, and no row was added.
 */
@BesideTheOthers
class ProcessorModeChangeIT {

    @TempDir
    Path files;

    @Test
    void thePooledCleanUpGoesOnFromTheTrackingProcessorsPosition() throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        try {
            Api.User alice;
            String assistant;
            try (ConfigurableApplicationContext tracking = InProcessPlatform.start(
                    database, kafka, files, "--axon.eventhandling.processors.tool-cleanup.mode=tracking")) {
                Api api = InProcessPlatform.api(tracking);
                alice = api.signUp();
                Api owner = api.as(alice);
                String tool = AssistantToolsIT.tool(owner, "Calendar");
                Api.Response created =
                        owner.post("/api/assistants", Map.of("name", "Reception", "tool_ids", List.of(tool)));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assistant = created.data().path("id").asText();
                // what the tracking processor stored until now is all the pooled one will have
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> position(database, "tool-cleanup") >= highestEvent(database, "%"));
                EventProcessor processor = tracking.getBean(EventProcessingConfiguration.class)
                        .eventProcessor("tool-cleanup")
                        .orElseThrow();
                assertThat(processor).isInstanceOf(TrackingEventProcessor.class);
                processor.shutDown();

                assertThat(owner.delete("/api/tools/" + tool).status()).isEqualTo(200);
            }
            assertThat(position(database, "tool-cleanup")).isLessThan(highestEvent(database, "%.ToolDeleted"));
            List<String> trackingRows = rows(database);

            try (ConfigurableApplicationContext pooled = InProcessPlatform.start(database, kafka, files)) {
                assertThat(pooled.getBean(EventProcessingConfiguration.class).eventProcessor("tool-cleanup"))
                        .hasValueSatisfying(
                                processor -> assertThat(processor).isInstanceOf(PooledStreamingEventProcessor.class));
                Api owner = InProcessPlatform.api(pooled).as(alice);
                // the clean-up's ToolUnassigned is the assistant's third event
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> owner.get("/api/assistants/" + assistant)
                                        .data()
                                        .path("revision")
                                        .asLong(),
                                revision -> revision == 3);
                assertThat(owner.get("/api/assistants/" + assistant).data().path("tools"))
                        .isEmpty();
            }
            assertThat(rows(database)).isEqualTo(trackingRows);
        } finally {
            kafka.stop();
        }
    }

    /** The position a single-segment processor stored (its token's JSON), -1 before any. */
    private static long position(TestInfrastructure.Database database, String processor) throws SQLException {
        return single(
                database,
                "SELECT coalesce((SELECT (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint"
                        + " FROM command.token_entry WHERE processor_name = '" + processor + "' AND segment = 0), -1)");
    }

    /** The position of the last stored event whose type matches a LIKE pattern. */
    private static long highestEvent(TestInfrastructure.Database database, String payloadType) throws SQLException {
        return single(
                database,
                "SELECT coalesce(max(global_index), -1) FROM command.domain_event_entry WHERE payload_type LIKE '"
                        + payloadType + "'");
    }

    private static long single(TestInfrastructure.Database database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The processors' rows: name and segment. */
    private static List<String> rows(TestInfrastructure.Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT processor_name, segment FROM command.token_entry ORDER BY processor_name, segment")) {
            while (row.next()) {
                rows.add(row.getString(1) + "/" + row.getInt(2));
            }
        }
        return rows;
    }

    private static Connection connect(TestInfrastructure.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
