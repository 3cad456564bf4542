package io.voicepartner.command.organization;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.CreateApiKey;
import io.voicepartner.api.organization.RevokeApiKey;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.ApiKeySecrets;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creating and revoking an organization's API keys, an admin's (the organization decides that nobody issues a key
 * with a scope their own role does not have). Creating answers the key with its secret, this once: only its keyed
 * hash is stored, in the event and wherever keys are looked up.
 */
@RestController
class ApiKeyWriteController {

    private static final Set<String> REQUIRED = Set.of("name", "scopes");
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> READ_ONLY = Map.of(
            "key", SERVER_OWNED, "prefix", SERVER_OWNED, "last_used_at", SERVER_OWNED, "revoked_at", SERVER_OWNED);

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;
    private final ApiKeySecrets secrets;

    ApiKeyWriteController(
            Commands commands, Ids ids, JsonRequestReader reader, WriteResponses responses, ApiKeySecrets secrets) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
        this.secrets = secrets;
    }

    @Requires(Permission.ADMINISTER)
    @PostMapping(path = "/api/organizations/{organizationId}/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<IssuedApiKey>> create(
            @PathVariable String organizationId,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiKeyRequest request = reader.read(body, ApiKeyRequest.class, READ_ONLY, REQUIRED, REQUIRED)
                .value();
        String keyId = ids.next();
        List<ApiKeyScope> scopes = List.copyOf(EnumSet.copyOf(request.scopes()));
        // as the event will carry it: the platform's times travel with milliseconds
        Instant expiresAt =
                request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        ApiKeySecrets.Issued issued = secrets.issue();
        long revision = commands.send(
                new CreateApiKey(
                        organizationId, keyId, request.name(), scopes, issued.prefix(), issued.secretHash(), expiresAt),
                caller.actor());
        return responses.createdOnce(
                new IssuedApiKey(
                        keyId, request.name(), issued.prefix(), scopes, issued.key(), expiresAt, caller.actor()),
                location(organizationId),
                revision,
                caller,
                authorization);
    }

    @Requires(Permission.ADMINISTER)
    @DeleteMapping("/api/organizations/{organizationId}/api-keys/{keyId}")
    ResponseEntity<Object> revoke(
            @PathVariable String organizationId,
            @PathVariable String keyId,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        OrganizationWriteController.requireId("API key", keyId);
        long revision = commands.send(new RevokeApiKey(organizationId, keyId), caller.actor());
        return responses.removed(location(organizationId), keyId, revision, caller, authorization);
    }

    private static String location(String organizationId) {
        return "/api/organizations/" + organizationId;
    }
}
