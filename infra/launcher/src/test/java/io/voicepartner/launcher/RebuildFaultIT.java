package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Fault scenario 8: the read models rebuilt from zero (tables emptied, the topics replayed from their
 * beginning) equal the live ones, row by row, tables of relations included.
 */
class RebuildFaultIT extends PlatformIT {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${voicepartner.query.consumer-group}")
    String group;

    @Test
    void aRebuildFromZeroEqualsTheLiveReadModels() throws Exception {
        Ledger ledger = new Ledger();
        Workload.run(api(), ledger, 6);
        Projections projections = new Projections(
                listeners, group, TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.database());
        ledger.settle(
                "8-rebuild-live",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));
        projections.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, List<String>> live = projections.snapshot();

        projections.stop();
        projections.truncate();
        projections.rewindToTheBeginning();
        projections.start();
        projections.awaitCaughtUp(Duration.ofMinutes(2));

        Ledger.Counts counts = ledger.settle(
                "8-rebuild-from-zero",
                TestInfrastructure.database(),
                TestInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(60));
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        Map<String, List<String>> rebuilt = projections.snapshot();
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((table, rows) -> {
            List<String> onlyLive = rows.stream()
                    .filter(row -> !rebuilt.get(table).contains(row))
                    .toList();
            List<String> onlyRebuilt = rebuilt.get(table).stream()
                    .filter(row -> !rows.contains(row))
                    .toList();
            assertThat(onlyLive)
                    .as(table + ": rows only the live model has; the rebuilt has instead " + onlyRebuilt)
                    .isEmpty();
            assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(rows);
        });
    }
}
