package io.voicepartner.analytics.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code ANALYTICS_REBUILD} as the README promises it: {@code true} rebuilds the analytics when the process starts,
 * anything else leaves them as they are. (What a rebuild does to the tables is {@code FiguresTest}'s, and the
 * rebuild from Kafka as a whole {@code AnalyticsIT}'s.)
 */
class AnalyticsRebuildOnStartTest {

    @Test
    void theVariableTurnsTheRebuildOnStartOnAndItIsOffWithoutIt() throws IOException {
        assertThat(rebuildOnStart(Map.of("ANALYTICS_REBUILD", "true"))).isTrue();
        assertThat(rebuildOnStart(Map.of())).isFalse();
    }

    @Test
    void turnedOnTheStartRebuildsWhichNeedsTheAnalyticsListener() {
        AnalyticsRebuild onStart = rebuild(true);

        assertThatIllegalStateException()
                .isThrownBy(() -> onStart.run(new DefaultApplicationArguments()))
                .withMessage("No analytics listener to rebuild with");
    }

    @Test
    void turnedOffTheStartTouchesNothing() {
        assertThatNoException().isThrownBy(() -> rebuild(false).run(new DefaultApplicationArguments()));
    }

    private static AnalyticsRebuild rebuild(boolean onStart) {
        // no listener registered and no database: a rebuild that started would fail at its first step
        return new AnalyticsRebuild(
                new KafkaListenerEndpointRegistry(), new KafkaAdmin(Map.of()), null, "voicepartner-analytics", onStart);
    }

    private static boolean rebuildOnStart(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("environment variables", variables));
        environment
                .getPropertySources()
                .addLast(new ResourcePropertySource(new ClassPathResource("analytics.properties")));
        return environment.getRequiredProperty("voicepartner.analytics.rebuild-on-start", Boolean.class);
    }
}
