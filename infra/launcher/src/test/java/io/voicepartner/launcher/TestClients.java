package io.voicepartner.launcher;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every platform the tests start is signed up to by one client, 127.0.0.1, dozens of times a minute: its sign-up
 * limits are lifted, as the environment variables the platform reads and behind every other source, so that a
 * test about them ({@code SignUpLimitsIT}) sets its own.
 */
class TestClients implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "test-clients",
                        Map.of(
                                "SIGNUPS_PER_MINUTE_PER_CLIENT", "1000000",
                                "SIGNUPS_PER_MINUTE", "1000000")));
    }
}
