package io.voicepartner.command.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.webhook.CreateWebhookEndpoint;
import io.voicepartner.api.webhook.DeleteWebhookEndpoint;
import io.voicepartner.api.webhook.RotateWebhookEndpointSecret;
import io.voicepartner.api.webhook.UpdateWebhookEndpoint;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint write routes, configuration of the caller's organization: each maps its request to a command
 * and answers what a read shows. Creating and rotating answer the signing secret this once; it is encrypted before
 * any command is sent, so that no event holds it in clear.
 */
@Requires(Permission.WRITE)
@RestController
class WebhookEndpointWriteController {

    /** How long the secret a rotation replaces keeps signing beside the new one. */
    static final Duration PREVIOUS_SECRET_VALIDITY = Duration.ofHours(24);

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Set<String> REQUIRED = Set.of("url", "event_types");
    private static final Set<String> NOT_NULL = Set.of("url", "event_types", "enabled");
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> READ_ONLY = Map.of(
            "secret", "is made by the server; rotate it through /api/webhook-endpoints/{id}/rotate-secret",
            "disabled_reason", SERVER_OWNED,
            "previous_secret_expires_at", SERVER_OWNED);
    private static final Map<String, String> NOT_ON_CREATE = Map.of(
            "secret",
            READ_ONLY.get("secret"),
            "disabled_reason",
            SERVER_OWNED,
            "previous_secret_expires_at",
            SERVER_OWNED,
            "enabled",
            "is true for a new endpoint; disable it with PATCH");

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;
    private final WebhookSecrets secrets;
    private final WebhookAddresses addresses;
    private final Clock clock;

    WebhookEndpointWriteController(
            Commands commands,
            Ids ids,
            JsonRequestReader reader,
            WriteResponses responses,
            WebhookSecrets secrets,
            WebhookAddresses addresses) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
        this.secrets = secrets;
        this.addresses = addresses;
        this.clock = Clock.systemUTC();
    }

    @PostMapping(
            path = {"/api/webhook-endpoints", "/api/webhook-endpoints/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<CreatedWebhookEndpoint>> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookEndpointRequest request = reader.read(
                        body, WebhookEndpointRequest.class, NOT_ON_CREATE, REQUIRED, NOT_NULL)
                .value();
        addresses.requireCallable(request.url());
        String id = ids.next();
        WebhookSecrets.Issued secret = secrets.issue();
        // a creation answers the new aggregate's id; it is at revision 1
        commands.send(
                new CreateWebhookEndpoint(
                        id,
                        caller.organizationId(),
                        request.url(),
                        request.eventTypes(),
                        request.description(),
                        secret.encrypted()),
                caller.actor());
        long revision = 1;
        return responses.createdOnce(
                new CreatedWebhookEndpoint(
                        id,
                        caller.organizationId(),
                        request.url(),
                        request.eventTypes(),
                        request.description(),
                        true,
                        secret.secret(),
                        caller.actor(),
                        revision),
                location(id),
                revision,
                caller,
                authorization);
    }

    @PatchMapping(
            path = "/api/webhook-endpoints/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireEndpointId(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        JsonRequestReader.Sent<WebhookEndpointRequest> sent =
                reader.read(body, WebhookEndpointRequest.class, READ_ONLY, Set.of(), NOT_NULL);
        WebhookEndpointRequest request = sent.value();
        if (sent.has("url")) {
            addresses.requireCallable(request.url());
        }
        long revision = commands.send(
                new UpdateWebhookEndpoint(
                        id,
                        caller.organizationId(),
                        expectedRevision,
                        request.url(),
                        request.eventTypes(),
                        request.description(),
                        request.enabled(),
                        Set.copyOf(sent.fields())),
                caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/webhook-endpoints/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireEndpointId(id);
        long revision = commands.send(
                new DeleteWebhookEndpoint(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)),
                caller.actor());
        return responses.deleted(location(id), id, revision, caller, authorization);
    }

    /** A new secret, answered this once; the one it replaces keeps signing beside it for 24 hours. */
    @PostMapping("/api/webhook-endpoints/{id}/rotate-secret")
    ResponseEntity<ApiResponse<RotatedWebhookSecret>> rotateSecret(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireEndpointId(id);
        WebhookSecrets.Issued secret = secrets.issue();
        // as the event will carry it: the platform's times travel with milliseconds
        Instant previousExpiresAt =
                clock.instant().plus(PREVIOUS_SECRET_VALIDITY).truncatedTo(ChronoUnit.MILLIS);
        long revision = commands.send(
                new RotateWebhookEndpointSecret(id, caller.organizationId(), secret.encrypted(), previousExpiresAt),
                caller.actor());
        return responses.shownOnce(
                new RotatedWebhookSecret(id, secret.secret(), previousExpiresAt, revision),
                location(id),
                revision,
                caller,
                authorization);
    }

    /** An id this platform cannot have issued is unknown without asking the event store. */
    static void requireEndpointId(String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound("Webhook endpoint", id);
        }
    }

    private static String location(String id) {
        return "/api/webhook-endpoints/" + id;
    }
}
