package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.CreateTool;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.security.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tool write routes: each maps its request to a command for the caller, and answers what a read
 * shows. Credentials (authentication, credential headers, credential query parameters of the endpoint) are encrypted
 * here, before the command is sent, so that no event holds them in clear.
 */
@Requires(Permission.WRITE)
@RestController
class ToolWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Set<String> REQUIRED = Set.of("name", "endpoint");
    private static final Set<String> NOT_NULL = Set.of("name", "endpoint", "method", "is_active");
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> READ_ONLY = Map.of(
            "total_calls", SERVER_OWNED,
            "last_used", SERVER_OWNED,
            "avg_response_time", SERVER_OWNED,
            "used_by", "is set by the server; assign tools through /api/assistants/{id}/tools");

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;
    private final SecretBox secrets;

    ToolWriteController(
            Commands commands, Ids ids, JsonRequestReader reader, WriteResponses responses, SecretBox secrets) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
        this.secrets = secrets;
    }

    @PostMapping(
            path = {"/api/tools", "/api/tools/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ToolRequest request = reader.read(body, ToolRequest.class, READ_ONLY, REQUIRED, NOT_NULL)
                .value();
        String id = ids.next();
        commands.send(new CreateTool(id, caller.organizationId(), newConfiguration(request)), caller.actor());
        return responses.created(location(id), id, 1, caller, authorization);
    }

    @RequestMapping(
            path = "/api/tools/{id}",
            method = {RequestMethod.PUT, RequestMethod.PATCH},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        JsonRequestReader.Sent<ToolRequest> sent = reader.read(body, ToolRequest.class, READ_ONLY, Set.of(), NOT_NULL);
        Set<ToolField> changed =
                sent.fields().stream().map(ToolField::fromWireName).collect(Collectors.toUnmodifiableSet());
        long revision = commands.send(
                new UpdateTool(id, caller.organizationId(), expectedRevision, changesOf(sent.value()), changed),
                caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/tools/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        long revision = commands.send(
                new DeleteTool(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(location(id), id, revision, caller, authorization);
    }

    /** An id this platform cannot have issued is unknown without asking the event store. */
    static void requireToolId(String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound("Tool", id);
        }
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

    private static String location(String id) {
        return "/api/tools/" + id;
    }

    /** Undo a deletion: used by no assistant until assigned again. */
    @PostMapping("/api/tools/{id}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireToolId(id);
        long revision = commands.send(new RestoreTool(id, caller.organizationId()), caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }
}
