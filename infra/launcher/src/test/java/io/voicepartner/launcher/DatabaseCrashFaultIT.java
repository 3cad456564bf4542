package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault scenario 5: PostgreSQL (a cluster of this test's own, never the shared one) stopped in
 * {@code immediate} mode under write load, then started again. While it is down {@code /health} says the
 * database is disconnected and writes fail rather than being acknowledged; afterwards the platform
 * recovers by itself and nothing that was acknowledged is lost from the store, the topic or the read model.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseCrashFaultIT {

    private static final ThrowawayPostgres POSTGRES = startedPostgres();
    private static final TestInfrastructure.Database DATABASE = POSTGRES.database("voicepartner");
    private static final LocalKafka KAFKA = startedKafka();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        DATABASE.register(properties);
        properties.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        properties.add("voicepartner.read-your-writes.timeout", () -> "300ms");
        properties.add("voicepartner.login.attempts-per-minute-per-client", () -> "100000");
    }

    @Test
    void nothingAcknowledgedIsLostWhenTheDatabaseCrashes() throws Exception {
        Api api = new Api("http://127.0.0.1:" + port);
        Ledger ledger = new Ledger();

        try (Writers writers = new Writers(api, ledger, 4)) {
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 40);
            POSTGRES.stopImmediately();
            // the probe answers within its own bound (2 s) while the pool would wait 30 s for a connection
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                long started = System.nanoTime();
                Api.Response health = api.get("/health");
                return health.status() == 503
                        && "disconnected".equals(health.json().path("database").asText())
                        && Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(4)) < 0;
            });
            long duringOutage = ledger.acknowledgedCount();
            // down until a write has met the outage: when /health sees it, each writer may still be waiting up to
            // 5 s for a connection, or reading its last write back, and would otherwise find the database back
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.unacknowledgedCount() > 0);
            POSTGRES.start();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> api.get("/health").status() == 200);
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 40);
            assertThat(duringOutage).isPositive();
        }

        Ledger.Counts counts =
                ledger.settle("5-postgresql-immediate-stop", DATABASE, KAFKA.bootstrapServers(), Duration.ofMinutes(3));
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(counts.unacknowledged())
                .as("writes refused while the database was down")
                .isPositive();
        assertThat(ledger.refusals())
                .as("a database down is a dependency down, never a bug")
                .doesNotContainKey(500);
    }

    private static ThrowawayPostgres startedPostgres() {
        ThrowawayPostgres postgres = ThrowawayPostgres.create();
        postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        return postgres;
    }

    private static LocalKafka startedKafka() {
        LocalKafka kafka = LocalKafka.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        return kafka;
    }
}
