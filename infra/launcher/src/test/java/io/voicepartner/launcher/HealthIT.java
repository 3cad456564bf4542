package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /health} as API.md shows it, without a token and without the envelope. */
class HealthIT extends PlatformIT {

    @Test
    void reportsTheDatabaseAndKafkaAsConnected() {
        Api.Response health = api().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("healthy");
        assertThat(health.json().path("database").asText()).isEqualTo("connected");
        assertThat(health.json().path("kafka").asText()).isEqualTo("connected");
        assertThat(health.json().path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(health.json().has("success")).isFalse();
    }
}
