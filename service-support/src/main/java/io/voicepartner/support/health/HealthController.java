package io.voicepartner.support.health;

import io.voicepartner.support.json.JsonConventions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        boolean database = checks.databaseReachable();
        boolean kafka = checks.kafkaReachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", database && kafka ? "healthy" : "unhealthy");
        body.put("database", database ? "connected" : "disconnected");
        body.put("kafka", kafka ? "connected" : "disconnected");
        body.put("timestamp", JsonConventions.format(Instant.now()));
        return ResponseEntity.status(database && kafka ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
