package io.voicepartner.query.webhook;

import java.time.Instant;
import java.util.List;

/**
 * One event (or ping) sent to an endpoint, and each attempt at it.
 *
 * @param eventId       the public event's id, sent as {@code webhook-id}: the same on every attempt and redelivery
 * @param status        {@code pending} (to be tried, at {@code next_attempt_at}), {@code succeeded} (answered
 *                      {@code 2xx}), {@code failed} (no attempt left) or {@code cancelled} (its endpoint was deleted
 *                      or disabled first)
 * @param redeliveryOf  the delivery this one repeats, if it is a redelivery
 */
record WebhookDeliveryView(
        String id,
        String eventId,
        String eventType,
        String status,
        int attemptCount,
        Instant nextAttemptAt,
        String redeliveryOf,
        Instant createdAt,
        List<Attempt> attempts) {

    /**
     * @param statusCode   what the endpoint answered; {@code null} when it did not answer (refused address,
     *                     connection error, no answer within 10 s: {@code error} says which)
     * @param latencyMs    from the start of the attempt to the answer's status, or to the failure
     * @param nextRetryAt  when the next attempt was due after this one; {@code null} after the last
     */
    record Attempt(
            int attempt, Instant attemptedAt, Integer statusCode, long latencyMs, String error, Instant nextRetryAt) {}

    WebhookDeliveryView withAttempts(List<Attempt> made) {
        return new WebhookDeliveryView(
                id,
                eventId,
                eventType,
                status,
                attemptCount,
                nextAttemptAt,
                redeliveryOf,
                createdAt,
                List.copyOf(made));
    }
}
