package io.voicepartner.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.voicepartner.query.actor.ActorView;
import java.time.Instant;

/**
 * One entry of an organization's audit log, as the API serves it: something that happened in the organization, or a
 * member's sign-in.
 *
 * @param id            the event's id; a sign-in has the same one in each organization it concerns
 * @param actor         who did it, completed with the e-mail address or key prefix ({@code Actors}); for a failed
 *                      sign-in the account tried, which says nothing about who typed the password
 * @param action        the event's type ({@code AssistantUpdated}, {@code MemberAdded}, {@code SignInFailed})
 * @param resource      what it happened to; a sign-in happened to the user's account ({@code user})
 * @param requestId     the {@code X-Request-Id} of the request that caused it; left out if none did
 * @param clientAddress where a sign-in came from; left out of every other entry
 */
record AuditEntry(
        String id,
        Instant occurredAt,
        ActorView actor,
        String action,
        AuditedResource resource,
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientAddress) {

    /** What an entry happened to: an aggregate's type and id. */
    record AuditedResource(ResourceType type, String id) {}

    AuditEntry withActor(ActorView completed) {
        return new AuditEntry(id, occurredAt, completed, action, resource, requestId, clientAddress);
    }
}
