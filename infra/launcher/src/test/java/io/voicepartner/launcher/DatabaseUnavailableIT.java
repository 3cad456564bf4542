package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * While PostgreSQL cannot be reached, reads and writes are a {@code 503} in the error envelope with
 * {@code Retry-After}, never a {@code 500}; once it is back, the same requests succeed. A platform of its
 * own, whose database connections go through a proxy the test cuts.
 */
@BesideTheOthers
class DatabaseUnavailableIT {

    private static FaultyProxy toPostgres;
    private static LocalKafka kafka;
    private static ConfigurableApplicationContext platform;

    @BeforeAll
    static void startAPlatformOfItsOwnBehindTheProxy(@TempDir Path files) {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        URI address = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        toPostgres = FaultyProxy.start(0, address.getHost(), address.getPort() == -1 ? 5432 : address.getPort());
        String proxied = database.jdbcUrl()
                .replace(address.getHost() + ":" + address.getPort(), "127.0.0.1:" + toPostgres.port());
        kafka = LocalKafka.start(0);
        platform = InProcessPlatform.start(
                new TestInfrastructure.Database(proxied, database.username(), database.password()),
                kafka,
                files,
                // how long a request waits for a connection before it is refused: short, so that the test is quick
                "--spring.datasource.hikari.connection-timeout=1000");
    }

    @AfterAll
    static void stopIt() {
        try {
            InProcessPlatform.stop(platform, kafka);
        } finally {
            toPostgres.close();
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503AndSucceedOnceItIsBack() {
        Api api = InProcessPlatform.api(platform);
        Api alice = api.as(api.signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Before the outage"))
                .data()
                .path("id")
                .asText();

        toPostgres.cut();
        Api.Response write;
        Api.Response read;
        try {
            write = alice.post("/api/assistants", Map.of("name", "During the outage"));
            read = alice.get("/api/assistants/" + id);
        } finally {
            toPostgres.heal();
        }

        for (Api.Response refused : new Api.Response[] {write, read}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.error().path("code").asText()).isEqualTo("service_unavailable");
            assertThat(refused.error().path("message").asText()).contains("database is unavailable");
            assertThat(refused.text()).doesNotContain("Exception").doesNotContain("at io.voicepartner");
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> alice.get("/api/assistants/" + id).status() == 200);
        assertThat(alice.post("/api/assistants", Map.of("name", "After the outage"))
                        .status())
                .isEqualTo(201);
    }
}
