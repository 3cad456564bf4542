package io.voicepartner.support.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code GET /health} as API.md shows it: the database and Kafka are asked for real, each within a short
 * timeout, and a failing part turns the answer into {@code 503} naming it. Not wrapped in the envelope,
 * so that load balancers and probes can read it as it is.
 */
@RestController
class HealthController {

    private final DependencyChecks checks;

    HealthController(DependencyChecks checks) {
        this.checks = checks;
    }

    record Health(String status, String database, String kafka, Instant timestamp) {
    }

    @GetMapping("/health")
    ResponseEntity<Health> health() {
        boolean database = checks.databaseReachable();
        boolean kafka = checks.kafkaReachable();
        Health health = new Health(database && kafka ? "healthy" : "unhealthy", database ? "connected" : "disconnected",
                kafka ? "connected" : "disconnected", Instant.now());
        return ResponseEntity.status(database && kafka ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
