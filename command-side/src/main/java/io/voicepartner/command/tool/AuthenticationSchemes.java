package io.voicepartner.command.tool;

import io.voicepartner.api.tool.AuthenticationType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields each kind of authentication takes besides {@code type}, and which of them are credentials. */
final class AuthenticationSchemes {

    static final String TYPE = "type";
    static final String HEADER_NAME = "header_name";
    static final String DEFAULT_API_KEY_HEADER = "X-API-Key";

    private static final Map<AuthenticationType, List<String>> REQUIRED = Map.of(
            AuthenticationType.NONE, List.of(),
            AuthenticationType.BEARER, List.of("token"),
            AuthenticationType.BASIC, List.of("username", "password"),
            AuthenticationType.API_KEY, List.of("api_key"));
    private static final Map<AuthenticationType, List<String>> OPTIONAL =
            Map.of(AuthenticationType.API_KEY, List.of(HEADER_NAME));
    private static final Set<String> SECRET = Set.of("token", "password", "api_key");

    private AuthenticationSchemes() {}

    static List<String> required(AuthenticationType type) {
        return REQUIRED.get(type);
    }

    static boolean takes(AuthenticationType type, String field) {
        return REQUIRED.get(type).contains(field)
                || OPTIONAL.getOrDefault(type, List.of()).contains(field);
    }

    static boolean isSecret(String field) {
        return SECRET.contains(field);
    }
}
