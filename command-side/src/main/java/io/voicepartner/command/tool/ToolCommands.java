package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.CreateTool;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.support.security.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A tool write's body as the command it asks for: read and checked as the tool routes take it, credentials
 * (authentication, credential headers, credential query parameters of the endpoint) encrypted, so that no event holds
 * them in clear. The tool routes and the configuration's apply make their commands here alike.
 */
@Component
public class ToolCommands {

    private static final Set<String> REQUIRED = Set.of("name", "endpoint");
    private static final Set<String> NOT_NULL = Set.of("name", "endpoint", "method", "is_active");
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> READ_ONLY = Map.of(
            "total_calls", SERVER_OWNED,
            "last_used", SERVER_OWNED,
            "avg_response_time", SERVER_OWNED,
            "used_by", "is set by the server; assign tools through /api/assistants/{id}/tools");

    private final JsonRequestReader reader;
    private final SecretBox secrets;

    ToolCommands(JsonRequestReader reader, SecretBox secrets) {
        this.reader = reader;
        this.secrets = secrets;
    }

    /** @throws io.voicepartner.support.web.ApiException naming every field the body gets wrong */
    public CreateTool create(String id, String organizationId, JsonNode body) {
        ToolRequest request = reader.read(body, ToolRequest.class, READ_ONLY, REQUIRED, NOT_NULL)
                .value();
        return new CreateTool(id, organizationId, newConfiguration(request));
    }

    /** @param body a JSON Merge Patch of the tool */
    public UpdateTool update(String id, String organizationId, Long expectedRevision, JsonNode body) {
        JsonRequestReader.Sent<ToolRequest> sent = reader.read(body, ToolRequest.class, READ_ONLY, Set.of(), NOT_NULL);
        Set<ToolField> changed =
                sent.fields().stream().map(ToolField::fromWireName).collect(Collectors.toUnmodifiableSet());
        return new UpdateTool(id, organizationId, expectedRevision, changesOf(sent.value()), changed);
    }

    private ToolConfiguration newConfiguration(ToolRequest r) {
        // a header sent as null on create has nothing to remove
        Map<String, Object> headers = new LinkedHashMap<>(r.headers() == null ? Map.of() : r.headers());
        headers.values().removeIf(Objects::isNull);
        QueryCredentials.Secured endpoint = QueryCredentials.secure(r.endpoint(), secrets::encrypt);
        return new ToolConfiguration(
                r.name(),
                r.description(),
                endpoint.endpoint(),
                r.method() == null ? HttpMethod.POST : r.method(),
                r.category(),
                r.parameters() == null ? Map.of() : r.parameters(),
                plainHeaders(headers),
                secretHeaders(headers),
                authenticationOf(r.authentication()),
                r.isActive() == null ? Boolean.TRUE : r.isActive(),
                endpoint.secrets());
    }

    /**
     * The fields sent, as the merge takes them: {@code parameters: null} is the empty schema,
     * {@code authentication: null} is none, {@code headers: null} leaves both header maps unset (clear them
     * all), and a header sent as {@code null} is kept as a removal.
     */
    private ToolConfiguration changesOf(ToolRequest r) {
        QueryCredentials.Secured endpoint = r.endpoint() == null
                ? new QueryCredentials.Secured(null, Map.of())
                : QueryCredentials.secure(r.endpoint(), secrets::encrypt);
        return new ToolConfiguration(
                r.name(),
                r.description(),
                endpoint.endpoint(),
                r.method(),
                r.category(),
                r.parameters() == null ? Map.of() : r.parameters(),
                r.headers() == null ? null : plainHeaders(r.headers()),
                r.headers() == null ? null : secretHeaders(r.headers()),
                authenticationOf(r.authentication()),
                r.isActive(),
                endpoint.secrets());
    }

    private static Map<String, String> plainHeaders(Map<String, Object> headers) {
        Map<String, String> plain = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!HeaderNames.carriesSecret(name)) {
                plain.put(name, (String) value);
            }
        });
        return plain;
    }

    private Map<String, SecretValue> secretHeaders(Map<String, Object> headers) {
        Map<String, SecretValue> secret = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (HeaderNames.carriesSecret(name)) {
                secret.put(name, value == null ? null : secrets.encrypt((String) value));
            }
        });
        return secret;
    }

    private ToolAuthentication authenticationOf(Map<String, Object> authentication) {
        if (authentication == null) {
            return new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of());
        }
        AuthenticationType type =
                AuthenticationType.fromWireName((String) authentication.get(AuthenticationSchemes.TYPE));
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, SecretValue> credentials = new LinkedHashMap<>();
        authentication.forEach((field, value) -> {
            if (field.equals(AuthenticationSchemes.TYPE) || value == null) {
                return;
            }
            if (AuthenticationSchemes.isSecret(field)) {
                credentials.put(field, secrets.encrypt((String) value));
            } else {
                settings.put(field, (String) value);
            }
        });
        if (type == AuthenticationType.API_KEY) {
            settings.putIfAbsent(AuthenticationSchemes.HEADER_NAME, AuthenticationSchemes.DEFAULT_API_KEY_HEADER);
        }
        return new ToolAuthentication(type, settings, credentials);
    }
}
