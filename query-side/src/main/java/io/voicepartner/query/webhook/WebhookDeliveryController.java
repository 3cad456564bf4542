package io.voicepartner.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was sent to a webhook endpoint, and sending again: served by the query side, which delivers (in the split
 * deployment the gateway sends these {@code POST}s there too). A test ({@code ping}) and a redelivery are deliveries
 * like any other, sent by the next round of a node's worker, signed and retried alike; the answer is the delivery,
 * {@code 202}, and its attempts are listed as they are made.
 */
@RestController
class WebhookDeliveryController {

    private static final String ENDPOINT = "/api/webhook-endpoints/{id}";

    private final WebhookEndpointRows endpoints;
    private final WebhookDeliveries deliveries;
    private final DeliveryIds ids;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    WebhookDeliveryController(
            WebhookEndpointRows endpoints, WebhookDeliveries deliveries, DeliveryIds ids, ObjectMapper json) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.ids = ids;
        this.json = json;
    }

    @Requires(Permission.READ)
    @GetMapping(ENDPOINT + "/deliveries")
    ApiResponse<List<WebhookDeliveryView>> list(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        parameters.validate();
        requireEndpoint(caller, id);
        ListQuery.Page<WebhookDeliveryView> page = deliveries.list(id, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, WebhookDeliveryView::id));
    }

    /** Sends a {@code ping} event, which no endpoint subscribes to, to this one, enabled or not. */
    @Requires(Permission.WRITE)
    @PostMapping(ENDPOINT + "/test")
    ResponseEntity<ApiResponse<WebhookDeliveryView>> test(@PathVariable String id, Caller caller) {
        WebhookEndpointView endpoint = requireEndpoint(caller, id);
        if (!endpoint.enabled()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Webhook endpoint '" + id + "' is disabled; enable it with PATCH {\"enabled\": true} first.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String eventId = ids.next();
        Map<String, Object> ping = new LinkedHashMap<>();
        ping.put("id", eventId);
        ping.put("type", "ping");
        ping.put("occurred_at", now.toString());
        ping.put("organization_id", caller.organizationId());
        ping.put("data", Map.of("webhook_endpoint_id", id));
        String deliveryId = ids.next();
        deliveries.add(
                deliveryId,
                id,
                caller.organizationId(),
                new OrganizationEvents.FeedEvent(null, eventId, "ping", now, "ping/" + eventId, asJson(ping)),
                now);
        return accepted(id, deliveryId);
    }

    @Requires(Permission.WRITE)
    @PostMapping(ENDPOINT + "/deliveries/{deliveryId}/redeliver")
    ResponseEntity<ApiResponse<WebhookDeliveryView>> redeliver(
            @PathVariable String id, @PathVariable String deliveryId, Caller caller) {
        requireEndpoint(caller, id);
        String redelivery = deliveries
                .redeliver(id, deliveryId, ids.next(), clock.instant())
                .orElseThrow(() -> ApiException.notFound("Delivery", deliveryId));
        return accepted(id, redelivery);
    }

    private ResponseEntity<ApiResponse<WebhookDeliveryView>> accepted(String endpointId, String deliveryId) {
        WebhookDeliveryView made = deliveries
                .find(endpointId, deliveryId)
                .orElseThrow(() -> new IllegalStateException("A delivery just made is there"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(made));
    }

    private WebhookEndpointView requireEndpoint(Caller caller, String id) {
        return endpoints
                .find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound(WebhookEndpointQueryController.WHAT, id));
    }

    private String asJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ping is plain data", e);
        }
    }
}
