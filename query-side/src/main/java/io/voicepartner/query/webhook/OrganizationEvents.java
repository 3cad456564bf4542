package io.voicepartner.query.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What webhooks deliver: an organization's public events, in the order the events feed gives them (the order they
 * were committed in), each with the cursor after which the next one follows.
 */
interface OrganizationEvents {

    /**
     * One public event as the events API shows it.
     *
     * @param cursor       where the feed continues after it
     * @param occurredAt   when the event happened (the command side's time)
     * @param resourceKey  {@code <resource type>/<resource id>}: the events of one resource are delivered in order
     * @param json         the event, exactly as it is delivered
     */
    record FeedEvent(String cursor, String id, String type, Instant occurredAt, String resourceKey, String json) {}

    /**
     * Events read from the feed.
     *
     * @param heldBack whether an event after these has committed but cannot be served yet (ADR 0031): it can be in a
     *                 moment, when the transactions still running before it have ended
     */
    record Read(List<FeedEvent> events, boolean heldBack) {}

    /** The organization's events after {@code cursor} (from its first with {@code null}), oldest first. */
    Read after(String organizationId, String cursor, int limit);

    /**
     * The cursor of the organization's last event committed before {@code at}: an endpoint created then takes the
     * events after it. Empty if there is none, and the endpoint takes the feed from its start.
     */
    Optional<String> cursorBefore(String organizationId, Instant at);
}
