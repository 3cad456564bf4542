package io.voicepartner.support.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} as API.md shows it: the database and Kafka are asked for real, each within a short
 * timeout, and a failing part turns the answer into {@code 503} naming it. Every event processor of this
 * process reports too ({@link ProcessorHealth}): one with parked records, or stuck with work waiting, makes the
 * platform {@code degraded}, still {@code 200} (it serves; an operator must look), with what and since when.
 * Not wrapped in the envelope, so that load balancers and probes can read it as it is.
 */
@RestController
class HealthController {

    private final DependencyChecks checks;
    private final List<ProcessorHealth> processors;

    HealthController(DependencyChecks checks, List<ProcessorHealth> processors) {
        this.checks = checks;
        this.processors = processors;
    }

    record Health(
            String status, String database, String kafka, Map<String, ProcessorStatus> processors, Instant timestamp) {}

    @GetMapping("/health")
    ResponseEntity<Health> health() {
        boolean database = checks.databaseReachable();
        boolean kafka = checks.kafkaReachable();
        Map<String, ProcessorStatus> statuses = new LinkedHashMap<>();
        if (database) {
            // each processor reads its parked records from the database: asked only while it answers
            processors.stream().map(ProcessorHealth::status).forEach(status -> statuses.put(status.name(), status));
        }
        boolean up = database && kafka;
        String status = !up
                ? "unhealthy"
                : statuses.values().stream().anyMatch(ProcessorStatus::degraded) ? "degraded" : "healthy";
        Health health = new Health(
                status,
                database ? "connected" : "disconnected",
                kafka ? "connected" : "disconnected",
                statuses,
                Instant.now());
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(health);
    }
}
