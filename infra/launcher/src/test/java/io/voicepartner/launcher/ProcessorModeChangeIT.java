package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The processors that follow the store for a few event types each were tracking processors and are pooled streaming
 * processors now (ADR 0048): a deployment that upgrades must neither replay from the start nor skip what the tracking
 * processors had not reached. A platform of its own runs them as tracking processors, stops them before a tool's
 * deletion and a file's upload reach them, and stops; started again as it ships, its pooled processors go on from the
 * tracking processors' rows: the tool leaves the assistant that had it, the file is read, and no row was added.
 */
class ProcessorModeChangeIT {

    private static final String TEXT = "Sprechstunde dienstags 8 bis 12 Uhr";
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

    @TempDir
    Path files;

    @Test
    void thePooledProcessorsGoOnFromTheTrackingProcessorsPositions() throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        try {
            Api.User alice;
            String assistant;
            String file;
            try (ConfigurableApplicationContext tracking = start(
                    database,
                    kafka,
                    "--axon.eventhandling.processors.tool-cleanup.mode=tracking",
                    "--axon.eventhandling.processors.file-processing.mode=tracking")) {
                Api api = api(tracking);
                alice = api.signUp();
                Api owner = api.as(alice);
                String tool = AssistantToolsIT.tool(owner, "Calendar");
                Api.Response created =
                        owner.post("/api/assistants", Map.of("name", "Reception", "tool_ids", List.of(tool)));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assistant = created.data().path("id").asText();
                // what the tracking processors stored until now is all the pooled ones will have
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> lowestPosition(database, "tool-cleanup") >= highestEvent(database, "%"));
                for (String name : List.of("tool-cleanup", "file-processing")) {
                    EventProcessor processor = tracking.getBean(EventProcessingConfiguration.class)
                            .eventProcessor(name)
                            .orElseThrow();
                    assertThat(processor).isInstanceOf(TrackingEventProcessor.class);
                    processor.shutDown();
                }

                assertThat(owner.delete("/api/tools/" + tool).status()).isEqualTo(200);
                Api.Response uploaded =
                        owner.upload("/api/files", Map.of(), "Sprechstunde.txt", TEXT.getBytes(StandardCharsets.UTF_8));
                assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                file = uploaded.data().path("id").asText();
            }
            assertThat(lowestPosition(database, "tool-cleanup")).isLessThan(highestEvent(database, "%.ToolDeleted"));
            assertThat(lowestPosition(database, "file-processing"))
                    .isLessThan(highestEvent(database, "%.FileUploaded"));
            List<String> trackingRows = rows(database);

            try (ConfigurableApplicationContext pooled = start(database, kafka)) {
                for (String name : List.of("tool-cleanup", "file-processing")) {
                    assertThat(pooled.getBean(EventProcessingConfiguration.class)
                                    .eventProcessor(name))
                            .hasValueSatisfying(processor ->
                                    assertThat(processor).isInstanceOf(PooledStreamingEventProcessor.class));
                }
                Api owner = api(pooled).as(alice);
                // the clean-up's ToolUnassigned is the assistant's third event
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> owner.get("/api/assistants/" + assistant)
                                        .data()
                                        .path("revision")
                                        .asLong(),
                                revision -> revision == 3);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> owner.get("/api/files/" + file)
                                        .data()
                                        .path("status")
                                        .asText(),
                                "processed"::equals);
                assertThat(owner.get("/api/assistants/" + assistant).data().path("tools"))
                        .isEmpty();
            }
            assertThat(rows(database)).isEqualTo(trackingRows);
        } finally {
            kafka.stop();
        }
    }

    /** The lowest position the segments of a processor stored. */
    private static long lowestPosition(TestInfrastructure.Database database, String processor) throws SQLException {
        long lowest = Long.MAX_VALUE;
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT convert_from(token, 'UTF8') FROM command.token_entry WHERE processor_name = '"
                                + processor + "'")) {
            while (row.next()) {
                Matcher index = INDEX.matcher(row.getString(1));
                lowest = Math.min(lowest, index.find() ? Long.parseLong(index.group(1)) : -1);
            }
        }
        return lowest;
    }

    /** The position of the last stored event whose type matches a LIKE pattern. */
    private static long highestEvent(TestInfrastructure.Database database, String payloadType) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT coalesce(max(global_index), -1) FROM command.domain_event_entry WHERE payload_type LIKE '"
                                + payloadType + "'")) {
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

    private ConfigurableApplicationContext start(
            TestInfrastructure.Database database, LocalKafka kafka, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--voicepartner.files.storage-dir=" + files));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(PlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext platform) {
        return new Api("http://127.0.0.1:" + platform.getEnvironment().getProperty("local.server.port"));
    }
}
