package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /health} as API.md shows it, without a token and without the envelope; and the actuator's
 * probes for orchestrators, with nothing else of the actuator exposed.
 */
class HealthIT extends PlatformIT {

    @Test
    void reportsTheDatabaseAndKafkaAsConnected() {
        Api.Response health = api().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).as(health.text()).isEqualTo("healthy");
        assertThat(health.json().path("database").asText()).isEqualTo("connected");
        assertThat(health.json().path("kafka").asText()).isEqualTo("connected");
        assertThat(health.json().path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(health.json().has("success")).isFalse();
    }

    @Test
    void answersTheLivenessAndReadinessProbesWithoutAToken() {
        Api.Response liveness = api().get("/actuator/health/liveness");
        Api.Response readiness = api().get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void exposesNoActuatorEndpointBeyondHealthAndPrometheus() {
        Api alice = api().as(api().signUp());

        assertThat(api().get("/actuator/prometheus").status()).isEqualTo(200);
        for (String endpoint : List.of("/actuator", "/actuator/info", "/actuator/env", "/actuator/beans",
                "/actuator/configprops", "/actuator/heapdump", "/actuator/loggers", "/actuator/metrics",
                "/actuator/threaddump", "/actuator/mappings", "/actuator/shutdown",
                "/actuator/env/SECRET_KEY", "/actuator/scheduledtasks", "/actuator/caches", "/actuator/conditions")) {
            for (Api caller : List.of(api(), alice)) {
                Api.Response response = caller.get(endpoint);
                assertThat(response.status()).as(endpoint + " " + response).isIn(401, 404);
                assertThat(response.text()).doesNotContain("java").doesNotContain("\tat ");
            }
        }
        assertThat(alice.send("POST", "/actuator/shutdown", "{}", "application/json").status()).isIn(401, 404);
        assertThat(alice.send("POST", "/actuator/loggers/ROOT", "{\"configuredLevel\": \"TRACE\"}",
                "application/json").status()).isIn(401, 404);
    }
}
