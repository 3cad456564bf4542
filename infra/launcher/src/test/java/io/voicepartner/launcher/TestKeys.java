package io.voicepartner.launcher;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The keys of every platform the tests start, made at random once per test JVM (the platform has no built-in key,
 * and none written down in the repository may sign or encrypt): the current ones and a previous one of each, so
 * that the tests can show a rotation. Offered as the environment variables the platform reads, behind every other
 * source, and on the test class path only.
 */
class TestKeys implements EnvironmentPostProcessor {

    static final String TOKEN_KEY = random(48);
    static final String PREVIOUS_TOKEN_KEY = random(48);
    static final String SECRETS_KEY = random(32);
    static final String PREVIOUS_SECRETS_KEY = random(32);
    static final String PERSONAL_DATA_KEY = random(32);
    static final String API_KEY_HASH_KEY = random(48);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "test-keys",
                        Map.of(
                                "SECRET_KEY", TOKEN_KEY,
                                "SECRET_KEY_PREVIOUS", PREVIOUS_TOKEN_KEY,
                                "SECRETS_KEY", SECRETS_KEY,
                                "SECRETS_KEY_PREVIOUS", PREVIOUS_SECRETS_KEY,
                                "API_KEY_HASH_KEY", API_KEY_HASH_KEY)));
    }

    private static String random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
