package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.support.security.SecretBox;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample tool configuration, its credentials encrypted under a test key, and copies of it with one
 * record component changed. Copies are built through the record's own components, by name, so that
 * expectations never share the field-by-field mapping of the code under test.
 */
final class ToolConfigurations {

    static final SecretBox SECRETS = new SecretBox(randomKey(), "");

    static final SecretValue WEATHER_TOKEN = SECRETS.encrypt("wx-token-0123456789");
    static final SecretValue BEARER_TOKEN = SECRETS.encrypt("bearer-abcdefghijkl");

    static final ToolConfiguration WEATHER = new ToolConfiguration(
            "Weather",
            "Looks up the forecast",
            "https://api.example.com/weather",
            HttpMethod.GET,
            "data",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))),
            Map.of("Accept", "application/json", "X-Trace", "on"),
            Map.of("X-Weather-Token", WEATHER_TOKEN),
            new ToolAuthentication(AuthenticationType.BEARER, Map.of(), Map.of("token", BEARER_TOKEN)),
            true);

    /** A configuration with every field unset: what an update carries for the fields it does not name. */
    static final ToolConfiguration NOTHING =
            new ToolConfiguration(null, null, null, null, null, null, null, null, null, null);

    /** A key made for the test run: no key written down in the repository ever encrypts. */
    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static final RecordComponent[] COMPONENTS = ToolConfiguration.class.getRecordComponents();

    private ToolConfigurations() {}

    static ToolConfiguration with(ToolConfiguration base, String component, Object value) {
        if (Arrays.stream(COMPONENTS).noneMatch(c -> c.getName().equals(component))) {
            throw new IllegalArgumentException(component + " is no component of ToolConfiguration");
        }
        try {
            Object[] values = new Object[COMPONENTS.length];
            for (int i = 0; i < COMPONENTS.length; i++) {
                values[i] = COMPONENTS[i].getName().equals(component)
                        ? value
                        : COMPONENTS[i].getAccessor().invoke(base);
            }
            Class<?>[] types =
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return ToolConfiguration.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + base, e);
        }
    }

    /** A JSON object as Jackson reads one: insertion-ordered, and a key may hold {@code null}. */
    static <V> Map<String, V> object(Object... keysAndValues) {
        Map<String, V> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            object.put((String) keysAndValues[i], value);
        }
        return object;
    }
}
