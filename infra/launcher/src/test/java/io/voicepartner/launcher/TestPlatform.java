package io.voicepartner.launcher;

import java.util.Map;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Base of the HTTP integration tests: the whole platform (both sides in one process, as {@code ./run}
 * starts it) on a random port, against real PostgreSQL and Kafka, configured for tests by {@link #configure}.
 * Each subclass names the database and broker of its platform, and every test class under one subclass shares
 * that running platform ({@link PlatformIT}, {@link OperationsPlatformIT}). Metrics are exported as in production
 * (Spring Boot's tests leave them off by default), so that the Prometheus endpoint is there.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        classes = {PlatformApplication.class, StatementLog.class, TestHosts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TestPlatform {

    /**
     * How long a test platform's write waits to read itself back: the first writes after a cold start, or on a CI
     * machine busy with the other lane ({@link BesideTheOthers}), can wait for the query side's consumers longer than
     * production's 2 s. Platforms of their own that test something other than that bound take it too.
     */
    static final String COLD_START_READ_YOUR_WRITES = "10s";

    /**
     * Connections opened as the tests need them and closed after 10 s unused, rather than 20 held by every platform
     * the run keeps alive: the platforms together, and the classes running beside them, stay within the test
     * server's 100 connections. Platforms a test starts on its own take them too ({@link InProcessPlatform}).
     */
    static final Map<String, String> CONNECTIONS_AS_NEEDED = Map.of(
            "spring.datasource.hikari.minimum-idle", "2",
            "spring.datasource.hikari.idle-timeout", "10000");

    @LocalServerPort
    int port;

    /** The settings of a test platform on this database and broker. */
    static void configure(
            DynamicPropertyRegistry properties, TestInfrastructure.Database database, String kafkaBootstrapServers) {
        database.register(properties);
        properties.add("spring.kafka.bootstrap-servers", () -> kafkaBootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        CONNECTIONS_AS_NEEDED.forEach((name, value) -> properties.add(name, () -> value));
        // the tests read their writes back from the 201s
        properties.add("voicepartner.read-your-writes.timeout", () -> COLD_START_READ_YOUR_WRITES);
        // every test client logs in from 127.0.0.1; the limits per e-mail and client are what the tests exercise
        properties.add("voicepartner.login.attempts-per-minute-per-client", () -> "100000");
        // requests through the TrustedGateway carry their client's address; the tests' own come from an untrusted peer
        properties.add("voicepartner.clients.trusted-proxies", () -> TrustedGateway.RANGE);
        // the tests age idempotency keys past their 24 h and see them purged
        properties.add("voicepartner.idempotency.purge-interval", () -> "1s");
        // the tool endpoints the tests serve listen on 127.0.0.2: allowed here, while the rest of loopback stays
        // refused
        properties.add("voicepartner.outbound.allow-list", () -> ToolTestIT.ALLOWED_RANGE);
        // the deadline tests wait for it; the endpoints the tests serve answer in milliseconds
        properties.add("voicepartner.tool-calls.timeout", () -> "3s");
        // bcrypt's least cost: the tests sign up and log in hundreds of users, at 65 ms of CPU a hash at production's
        // cost 10 (which SignUpLimitsIT's platform keeps, and checks)
        properties.add("voicepartner.passwords.hash-cost", () -> "4");
        // webhooks: retried within seconds rather than over three days, and an endpoint that accepted nothing for
        // 5 s is disabled (WebhooksIT waits for both); the receivers answer in milliseconds
        properties.add(
                "voicepartner.webhooks.retry-delays",
                () -> "100ms,100ms,200ms,200ms,400ms,400ms,800ms,800ms,800ms,800ms");
        properties.add("voicepartner.webhooks.disable-after", () -> "5s");
        properties.add("voicepartner.webhooks.poll-interval", () -> "100ms");
        // ErasureResumedIT sees an erasure that stopped half-way finished by the next round
        properties.add("voicepartner.erasure.retry-interval", () -> "1s");
        // the tests see an API key's last_used_at move without waiting for production's 30 s rounds
        properties.add("voicepartner.api-keys.uses-flush-interval", () -> "1s");
    }

    /** The database the platform runs on. */
    abstract TestInfrastructure.Database database();

    /** The broker the platform publishes to and consumes from. */
    abstract String kafkaBootstrapServers();

    Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** The API as a client at {@code address} reaches it through a gateway the platform trusts. */
    Api throughGateway(String address) {
        return TrustedGateway.forClient(port, address);
    }
}
