package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health} as API.md shows it, without a token and without the envelope; and the actuator's
 * probes for orchestrators, with nothing else of the actuator exposed.
 */
class HealthIT extends PlatformIT {

    @Test
    void reportsTheDatabaseAndKafkaAsConnected() {
        Api.Response health = api().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("database").asText()).isEqualTo("connected");
        assertThat(health.json().path("kafka").asText()).isEqualTo("connected");
        assertThat(health.json().path("timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(health.json().has("success")).isFalse();
    }

    /**
     * The platform is {@code healthy} exactly when every processor is {@code ok}. The shared platform of these
     * tests may be {@code degraded} on purpose: the parking tests leave a record no consumer can ever store in
     * the topics for good, and a test that replays a topic from its start (an analytics rebuild) parks it
     * again, as it would in production. Such a processor must then say what it holds and since when.
     */
    @Test
    void isHealthyExactlyWhenEveryProcessorIsOk() {
        Api.Response health = api().get("/health");
        JsonNode processors = health.json().path("processors");

        assertThat(processors.fieldNames())
                .toIterable()
                .as(health.text())
                .contains("kafka-publisher", "read-models", "analytics");
        boolean everyProcessorOk = true;
        for (JsonNode processor : processors) {
            if (processor.path("status").asText().equals("ok")) {
                continue;
            }
            everyProcessorOk = false;
            assertThat(processor.path("status").asText()).as(health.text()).isEqualTo("degraded");
            assertThat(processor.path("parked").asLong() > 0
                            || !processor.path("stalled_since").isNull())
                    .as("a degraded processor says why: " + health.text())
                    .isTrue();
        }
        assertThat(health.json().path("status").asText())
                .as(health.text())
                .isEqualTo(everyProcessorOk ? "healthy" : "degraded");
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
        for (String endpoint : List.of(
                "/actuator",
                "/actuator/info",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/loggers",
                "/actuator/metrics",
                "/actuator/threaddump",
                "/actuator/mappings",
                "/actuator/shutdown",
                "/actuator/env/SECRET_KEY",
                "/actuator/scheduledtasks",
                "/actuator/caches",
                "/actuator/conditions")) {
            for (Api caller : List.of(api(), alice)) {
                Api.Response response = caller.get(endpoint);
                assertThat(response.status()).as(endpoint + " " + response).isIn(401, 404);
                assertThat(response.text()).doesNotContain("java").doesNotContain("\tat ");
            }
        }
        assertThat(alice.send("POST", "/actuator/shutdown", "{}", "application/json")
                        .status())
                .isIn(401, 404);
        assertThat(alice.send("POST", "/actuator/loggers/ROOT", "{\"configuredLevel\": \"TRACE\"}", "application/json")
                        .status())
                .isIn(401, 404);
    }
}
