package io.voicepartner.query.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voicepartner.api.messaging.PublicEventTypes;
import io.voicepartner.query.actor.ActorView;
import java.time.Instant;

/**
 * One configuration change of an organization as every public channel shows it: the events API, the live streams
 * (SSE and WebSocket) and the webhooks (docs/API.md "Events and live updates"). Serialized in the platform's JSON
 * conventions (snake_case).
 *
 * @param id             the event's own id: the same on every redelivery and on every channel
 * @param type           its public type ({@link PublicEventTypes}), e.g. {@code assistant.version_published}
 * @param organizationId the organization it happened in; a reader sees only their own organization's
 * @param actor          who caused it, as the audit log shows it
 */
public record PublicEvent(
        String id,
        String type,
        Instant occurredAt,
        String organizationId,
        Resource resource,
        ActorView actor,
        Data data) {

    /**
     * What the event happened to.
     *
     * @param type     {@code assistant}, {@code tool}, {@code file} or {@code phone_number}
     * @param revision the resource's revision after the event
     */
    @Schema(name = "EventResource")
    public record Resource(String type, String id, long revision) {}

    /**
     * @param object  the resource after the event as a read at that revision shows it ({@code ?revision=}), credentials
     *                masked; after a deletion, as it was when deleted
     * @param changes field → {@code {from, to}}: what the event changed, credentials masked
     */
    @Schema(name = "EventData")
    public record Data(JsonNode object, JsonNode changes) {}

    PublicEvent withActor(ActorView completed) {
        return new PublicEvent(id, type, occurredAt, organizationId, resource, completed, data);
    }
}
