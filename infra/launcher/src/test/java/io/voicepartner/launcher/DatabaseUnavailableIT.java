package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While PostgreSQL cannot be reached, reads and writes are a {@code 503} in the error envelope with
 * {@code Retry-After}, never a {@code 500}; once it is back, the same requests succeed. A platform of its
 * own, whose database connections go through a proxy the test cuts.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseUnavailableIT {

    private static final TestInfrastructure.Database DATABASE = TestInfrastructure.newDatabase();
    private static final URI DATABASE_ADDRESS = URI.create(DATABASE.jdbcUrl().substring("jdbc:".length()));
    private static final FaultyProxy TO_POSTGRES = FaultyProxy.start(
            0, DATABASE_ADDRESS.getHost(), DATABASE_ADDRESS.getPort() == -1 ? 5432 : DATABASE_ADDRESS.getPort());
    /** Stopped at exit rather than after the class, so that it outlives the platform it serves. */
    private static final LocalKafka kafka = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TO_POSTGRES.close();
            kafka.stop();
        }));
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        String proxied = DATABASE.jdbcUrl()
                .replace(
                        DATABASE_ADDRESS.getHost() + ":" + DATABASE_ADDRESS.getPort(),
                        "127.0.0.1:" + TO_POSTGRES.port());
        new TestInfrastructure.Database(proxied, DATABASE.username(), DATABASE.password()).register(properties);
        properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        // how long a request waits for a connection before it is refused: short, so that the test is quick
        properties.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503AndSucceedOnceItIsBack() {
        Api api = new Api("http://127.0.0.1:" + port);
        Api alice = api.as(api.signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Before the outage"))
                .data()
                .path("id")
                .asText();

        TO_POSTGRES.cut();
        Api.Response write;
        Api.Response read;
        try {
            write = alice.post("/api/assistants", Map.of("name", "During the outage"));
            read = alice.get("/api/assistants/" + id);
        } finally {
            TO_POSTGRES.heal();
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
