package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes succeed while Kafka is away and reach the read models once it is back: the event store is the
 * outbox. A platform of its own (own database) starts pointing at a broker port where nothing listens yet.
 * Its metrics say so as it happens: each write answered {@code 202} counts as a read-your-writes timeout of the
 * command side, and the publisher's lag is the events stored but not on Kafka, until the broker is back (metrics
 * exported as in production); once it is back, a read that waits in vain for a revision the read model never
 * reaches answers what it has and counts as a timeout of the query side.
 */
@BesideTheOthers
class KafkaOutageIT {

    private static final String TIMEOUTS = "voicepartner_read_your_writes_timeouts_total";
    private static final String COMMAND_SIDE = "side=\"command\"";
    private static final String QUERY_SIDE = "side=\"query\"";
    private static final String PUBLISHER_LAG = "voicepartner_publisher_lag_events";
    private static final int KAFKA_PORT = TestInfrastructure.freePort();
    private static ConfigurableApplicationContext platform;
    private static LocalKafka kafka;

    @BeforeAll
    static void startAPlatformOfItsOwnWithNoBrokerYet(@TempDir Path files) {
        platform = InProcessPlatform.start(
                List.of(),
                TestInfrastructure.newDatabase(),
                "127.0.0.1:" + KAFKA_PORT,
                files,
                "--voicepartner.read-your-writes.timeout=500ms");
    }

    @AfterAll
    static void stopIt() {
        InProcessPlatform.stop(platform, kafka);
    }

    @Test
    void writesAcceptedWhileKafkaIsDownArePublishedAndProjectedOnceItIsBack() {
        Api api = InProcessPlatform.api(platform);
        Prometheus metrics = new Prometheus(api);
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        double timeoutsBefore = metrics.sample(TIMEOUTS, COMMAND_SIDE).orElseThrow();
        double lagBefore = metrics.sample(PUBLISHER_LAG, "").orElseThrow();

        Api.Response signedUp = api.post("/api/users", Map.of("email", email, "password", "correct horse"));
        Api alice = api.withHeader("Authorization", "Bearer " + api.login(email, "correct horse"));
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Written during the outage"));

        assertThat(signedUp.status()).isEqualTo(202);
        assertThat(created.status()).isEqualTo(202);
        String location = created.header("Location");
        assertThat(created.data().path("revision").asLong()).isEqualTo(1);
        assertThat(location)
                .isEqualTo("/api/assistants/" + created.data().path("id").asText());
        assertThat(alice.get(location).status()).isEqualTo(404);
        Api.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("kafka").asText()).isEqualTo("disconnected");
        assertThat(health.json().path("database").asText()).isEqualTo("connected");
        assertThat(metrics.sample(TIMEOUTS, COMMAND_SIDE)).hasValue(timeoutsBefore + 2);
        // the gauge is measured at most once a second: the four records stored (the account, its personal
        // organization, the sign-in, the assistant) show within one more
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(metrics.sample(PUBLISHER_LAG, "")).hasValue(lagBefore + 4));

        kafka = LocalKafka.start(KAFKA_PORT);

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> alice.get(location).status() == 200);
        assertThat(alice.get(location).data().path("name").asText()).isEqualTo("Written during the outage");
        assertThat(alice.get("/api/users/me").data().path("email").asText()).isEqualTo(email);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health").status() == 200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(metrics.sample(PUBLISHER_LAG, "")).hasValue(0.0));

        double queryTimeoutsBefore = metrics.sample(TIMEOUTS, QUERY_SIDE).orElseThrow();
        Api.Response waitedInVain = alice.withHeader("X-Min-Revision", "99").get(location);
        assertThat(waitedInVain.status()).isEqualTo(200);
        assertThat(waitedInVain.data().path("revision").asLong()).isEqualTo(1);
        assertThat(metrics.sample(TIMEOUTS, QUERY_SIDE)).hasValue(queryTimeoutsBefore + 1);
    }
}
