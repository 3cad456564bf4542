package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.support.security.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;

/** The credentials of a tool's configuration, each under the current key after a rotation (ADR 0021). */
final class StoredSecrets {

    private StoredSecrets() {}

    static ToolConfiguration underCurrentKey(ToolConfiguration configuration, SecretBox secrets) {
        ToolAuthentication authentication = configuration.authentication();
        return new ToolConfiguration(
                configuration.name(),
                configuration.description(),
                configuration.endpoint(),
                configuration.method(),
                configuration.category(),
                configuration.parameters(),
                configuration.headers(),
                underCurrentKey(configuration.secretHeaders(), secrets),
                authentication == null
                        ? null
                        : new ToolAuthentication(
                                authentication.type(),
                                authentication.settings(),
                                underCurrentKey(authentication.secrets(), secrets)),
                configuration.isActive(),
                underCurrentKey(configuration.secretQueryParameters(), secrets));
    }

    private static Map<String, SecretValue> underCurrentKey(Map<String, SecretValue> values, SecretBox secrets) {
        if (values == null) {
            return null;
        }
        Map<String, SecretValue> current = new LinkedHashMap<>();
        values.forEach((name, value) -> current.put(name, value == null ? null : secrets.underCurrentKey(value)));
        return current;
    }
}
