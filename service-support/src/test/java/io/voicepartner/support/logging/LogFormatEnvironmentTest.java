package io.voicepartner.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatEnvironmentTest {

    private final LogFormatEnvironment logFormat = new LogFormatEnvironment();

    @Test
    void jsonMeansTheElasticCommonSchema() {
        assertThat(formatFor("json")).isEqualTo("ecs");
    }

    @Test
    void aStructuredFormatCanBeNamedOutright() {
        assertThat(formatFor("logstash")).isEqualTo("logstash");
    }

    @Test
    void plainTextUnlessAsked() {
        assertThat(formatFor(null)).isNull();
        assertThat(formatFor("text")).isNull();
    }

    @Test
    void anExplicitStructuredFormatWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("LOG_FORMAT", "json")
                .withProperty(LogFormatEnvironment.PROPERTY, "gelf");

        logFormat.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormatEnvironment.PROPERTY)).isEqualTo("gelf");
    }

    @Test
    void refusesAFormatItDoesNotKnow() {
        assertThatIllegalStateException().isThrownBy(() -> formatFor("xml")).withMessageContaining("LOG_FORMAT");
    }

    private String formatFor(String value) {
        MockEnvironment environment = new MockEnvironment();
        if (value != null) {
            environment.setProperty("LOG_FORMAT", value);
        }
        logFormat.postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(LogFormatEnvironment.PROPERTY);
    }
}
