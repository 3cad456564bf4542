package io.voicepartner.launcher;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform of the tests that act on a platform as a whole, as its operators do: every read model rebuilt
 * ({@link RebuildIT}), the whole store published again ({@link RepublishIT}), analytics dropped and rebuilt from
 * Kafka ({@link AnalyticsIT}), a reset refused while the platform runs ({@link ResetIT}). On the shared platform
 * they swapped, sent again or dropped what every other test was reading and writing (issue 22), and as that store
 * grew through the run, so did their work. Here the four share a platform of their own, with a database and a
 * broker of its own, started once for them.
 */
abstract class OperationsPlatformIT extends TestPlatform {

    private static final TestInfrastructure.Database DATABASE = TestInfrastructure.newDatabase();
    /** Stopped at exit rather than after a class, so that it outlives the platform it serves. */
    private static final LocalKafka KAFKA = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KAFKA::stop));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        configure(properties, DATABASE, KAFKA.bootstrapServers());
        // it idles once its four classes have run: it keeps two connections open, not the pool's twenty
        properties.add("spring.datasource.hikari.minimum-idle", () -> "2");
        // infra/scripts/republish takes the publisher's claim and lets it expire before the publisher claims its
        // segment again: at Axon's 10 s claim timeout and 5 s between claim attempts, RepublishIT waited 10 to 15 s
        properties.add("axon.eventhandling.tokenstore.claim-timeout", () -> "2s");
        properties.add("axon.eventhandling.processors.kafka-publisher.token-claim-interval", () -> "500");
    }

    @Override
    TestInfrastructure.Database database() {
        return DATABASE;
    }

    @Override
    String kafkaBootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
