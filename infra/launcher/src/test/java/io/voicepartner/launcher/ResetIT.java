package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.voicepartner.api.messaging.AggregateType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code infra/scripts/reset}: refused without the development flag and while a platform runs on the
 * database; on a stopped platform (a database and a broker of its own) it empties the store, the read
 * models and the topics.
 */
class ResetIT extends OperationsPlatformIT {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void isRefusedWithoutTheDevelopmentFlag() {
        Api alice = api().as(api().signUp());
        String location = alice.post("/api/assistants", Map.of("name", "Kept")).header("Location");

        assertThatThrownBy(() -> reset(environment(database(), kafkaBootstrapServers(), Map.of())))
                .isInstanceOf(Reset.Refused.class)
                .hasMessageContaining("VOICEPARTNER_DEV=true");

        assertThat(alice.get(location).status()).isEqualTo(200);
    }

    @Test
    void isRefusedWhileThePlatformIsConnectedToTheDatabase() {
        Api alice = api().as(api().signUp());
        String location = alice.post("/api/assistants", Map.of("name", "Kept")).header("Location");

        assertThatThrownBy(() -> reset(environment(database(), kafkaBootstrapServers(), Map.of(Reset.FLAG, "true"))))
                .isInstanceOf(Reset.Refused.class)
                .hasMessageContaining("stop the platform first");

        assertThat(alice.get(location).status()).isEqualTo(200);
    }

    @Test
    void wipesTheStoreTheReadModelsAnalyticsAndTheTopicsOfAStoppedPlatform() throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        try {
            try (ConfigurableApplicationContext platform = start(database, kafka.bootstrapServers())) {
                Api api =
                        new Api("http://127.0.0.1:" + platform.getEnvironment().getProperty("local.server.port"));
                Api alice = api.as(api.signUp());
                assertThat(alice.post("/api/assistants", Map.of("name", "Doomed"))
                                .status())
                        .isEqualTo(201);
                // analytics has counted it, so its consumer group holds an offset
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(database, "analytics.assistants_created") == 1);
            }
            // the stopped platform's database sessions end a moment after their connections close
            await().atMost(Duration.ofSeconds(30))
                    .ignoreException(Reset.Refused.class)
                    .until(() -> {
                        reset(environment(database, kafka.bootstrapServers(), Map.of(Reset.FLAG, "true")));
                        return true;
                    });

            for (String table : List.of(
                    "command.domain_event_entry",
                    "command.token_entry",
                    "command.user_credentials",
                    "query.assistants",
                    "query.users",
                    "analytics.assistants_created")) {
                assertThat(rows(database, table)).as(table).isZero();
            }
            String report = output.toString(StandardCharsets.UTF_8);
            assertThat(report)
                    .containsPattern("emptied command\\.domain_event_entry \\([1-9]\\d* rows\\)")
                    .contains("emptied query.assistants (1 rows)")
                    .contains("deleted topic voicepartner.assistants (1 records)")
                    .contains("emptied analytics.assistants_created (1 rows)")
                    .contains("deleted consumer group voicepartner-query-side")
                    .contains("deleted consumer group voicepartner-analytics");
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                // a topic created again shows in the broker's metadata a moment after the creation is acknowledged
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Set<String> topics = admin.listTopics().names().get();
                    assertThat(topics)
                            .containsAll(Arrays.stream(AggregateType.values())
                                    .map(AggregateType::topic)
                                    .toList());
                });
            }
        } finally {
            kafka.stop();
        }
    }

    private void reset(Map<String, String> environment) {
        new Reset(environment, new PrintStream(output, true, StandardCharsets.UTF_8)).run();
    }

    private static Map<String, String> environment(
            TestInfrastructure.Database database, String kafka, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.put("DATABASE_URL", jdbcUrl(database));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        return environment;
    }

    private static ConfigurableApplicationContext start(TestInfrastructure.Database database, String kafka) {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--spring.kafka.bootstrap-servers=" + kafka);
    }

    private static long rows(TestInfrastructure.Database database, String table) throws SQLException {
        return count(database, "SELECT count(*) FROM " + table);
    }

    private static long count(TestInfrastructure.Database database, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The credentials in the URL, as DATABASE_URL carries them. */
    private static String jdbcUrl(TestInfrastructure.Database database) {
        String url = database.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "user=" + database.username()
                + (database.password().isEmpty() ? "" : "&password=" + database.password());
    }
}
