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
 * Fault scenario 3: the Kafka broker, a child process, killed with SIGKILL while clients write, and
 * started again on the same log directory. Writes go on being acknowledged while it is down (the event
 * store is the outbox), {@code /health} says Kafka is disconnected, and once the broker is back every
 * acknowledged write reaches the topic and the read model exactly once.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class KafkaBrokerKillFaultIT {

    private static final ChildKafka KAFKA = startedKafka();
    private static final TestInfrastructure.Database DATABASE = TestInfrastructure.newDatabase();

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
    void everyWriteAcknowledgedAroundABrokerCrashIsProjectedExactlyOnce() throws Exception {
        Api api = new Api("http://127.0.0.1:" + port);
        Ledger ledger = new Ledger();

        try (Writers writers = new Writers(api, ledger, 4)) {
            awaitMoreAcknowledged(ledger, 40);
            KAFKA.kill();
            awaitMoreAcknowledged(ledger, 60);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "disconnected"
                            .equals(api.get("/health").json().path("kafka").asText()));
            KAFKA.start();
            awaitMoreAcknowledged(ledger, 40);
        }

        Ledger.Counts counts =
                ledger.settle("3-kafka-broker-sigkill", DATABASE, KAFKA.bootstrapServers(), Duration.ofMinutes(3));
        assertThat(counts.acknowledged()).isGreaterThanOrEqualTo(140);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health").status() == 200);
    }

    static void awaitMoreAcknowledged(Ledger ledger, int more) {
        long target = ledger.acknowledgedCount() + more;
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.acknowledgedCount() >= target);
    }

    private static ChildKafka startedKafka() {
        ChildKafka kafka = ChildKafka.format(0);
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        return kafka;
    }
}
