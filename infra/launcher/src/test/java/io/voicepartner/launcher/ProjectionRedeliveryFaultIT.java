package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Fault scenario 4: the query side applied events but its offsets were never committed (killed between
 * the two). The worst case is injected: the consumer is stopped, the group's offsets are moved back to the
 * beginning of every topic, and it starts again, so that every record ever applied is delivered a second
 * time. The read models must come out row for row as they were: nothing applied twice.
 */
@ResourceLock(PlatformIT.READ_MODELS)
class ProjectionRedeliveryFaultIT extends PlatformIT {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${voicepartner.query.consumer-group}")
    String group;

    @Test
    void everyRecordDeliveredAgainChangesNothing() throws Exception {
        Ledger ledger = new Ledger();
        Workload.run(api(), ledger, 6);
        Projections projections = new Projections(
                listeners, group, TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.database());
        assertThat(ledger.settle(
                                "4-redelivery-before",
                                TestInfrastructure.database(),
                                TestInfrastructure.kafkaBootstrapServers(),
                                Duration.ofSeconds(60))
                        .lost())
                .isZero();
        projections.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, List<String>> applied = projections.snapshot();

        projections.stop();
        projections.rewindToTheBeginning();
        projections.start();
        projections.awaitCaughtUp(Duration.ofMinutes(2));

        Ledger.Counts counts = ledger.settle(
                "4-query-side-killed-before-commit",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(projections.snapshot()).isEqualTo(applied);
    }
}
