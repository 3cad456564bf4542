package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault scenario 7: network faults between the platform and both of its dependencies, injected by TCP
 * proxies on loopback (the broker advertises its proxy, so every Kafka connection passes through it):
 * latency on every packet, every connection reset at once, and half-open links that stay established but
 * carry nothing, first to Kafka, then to PostgreSQL. Clients write throughout; afterwards every
 * acknowledged write is stored, published and projected exactly once.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NetworkFaultIT {

    private static final int KAFKA_PROXY_PORT = ChildKafka.freePort();
    private static final ChildKafka KAFKA = ChildKafka.format(KAFKA_PROXY_PORT);
    private static final FaultyProxy TO_KAFKA = FaultyProxy.start(KAFKA_PROXY_PORT, "127.0.0.1", KAFKA.port());
    private static final TestInfrastructure.Database DATABASE = TestInfrastructure.newDatabase();
    private static final FaultyProxy TO_POSTGRES = FaultyProxy.start(0, "127.0.0.1", portOf(DATABASE.jdbcUrl()));

    static {
        KAFKA.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TO_KAFKA.close();
            TO_POSTGRES.close();
            KAFKA.close();
        }));
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        new TestInfrastructure.Database(
                        DATABASE.jdbcUrl()
                                .replace(":" + portOf(DATABASE.jdbcUrl()) + "/", ":" + TO_POSTGRES.port() + "/"),
                        DATABASE.username(),
                        DATABASE.password())
                .register(properties);
        properties.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        properties.add("voicepartner.read-your-writes.timeout", () -> "300ms");
        properties.add("voicepartner.login.attempts-per-minute-per-client", () -> "100000");
    }

    @Test
    void latencyResetsAndHalfOpenLinksLoseAndDuplicateNothing() throws Exception {
        Api api = new Api("http://127.0.0.1:" + port);
        Ledger ledger = new Ledger();

        try (Writers writers = new Writers(api, ledger, 4)) {
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 20);

            TO_KAFKA.latency(Duration.ofMillis(150));
            TO_POSTGRES.latency(Duration.ofMillis(20));
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 30);
            TO_KAFKA.heal();
            TO_POSTGRES.heal();

            TO_KAFKA.resetAll();
            TO_POSTGRES.resetAll();
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 30);
            TO_KAFKA.resetAll();
            TO_POSTGRES.resetAll();
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 30);

            TO_KAFKA.silence();
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 40);
            TO_KAFKA.heal();

            TO_POSTGRES.silence();
            long silenced = ledger.acknowledgedCount();
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            TO_POSTGRES.resetAll();
            TO_POSTGRES.heal();
            KafkaBrokerKillFaultIT.awaitMoreAcknowledged(ledger, 30);
            assertThat(ledger.acknowledgedCount()).isGreaterThan(silenced);
        }

        Ledger.Counts counts =
                ledger.settle("7-network-faults", DATABASE, KAFKA.bootstrapServers(), Duration.ofMinutes(4));
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(ledger.refusals())
                .as("a dependency cut off is a 503, never a 500")
                .doesNotContainKey(500);
    }

    private static int portOf(String jdbcUrl) {
        Matcher port = Pattern.compile(":(\\d+)/").matcher(jdbcUrl);
        return port.find() ? Integer.parseInt(port.group(1)) : 5432;
    }
}
