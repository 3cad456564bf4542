package io.voicepartner.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The organizations' events as webhooks deliver them: from the public feed ({@link EventFeed}, ADR 0031), in the
 * order it serves them, each as the events API shows it, so that every channel carries the same ids and bodies.
 */
@Component
class FeedEvents implements OrganizationEvents {

    private final EventFeed feed;
    private final ObjectMapper json;

    FeedEvents(EventFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @Override
    public Read after(String organizationId, String cursor, int limit) {
        EventFeed.Page page =
                feed.read(organizationId, cursor == null ? null : FeedCursor.decode(cursor), Set.of(), limit);
        List<FeedEvent> events = page.entries().stream()
                .map(entry -> {
                    PublicEvent event = entry.event();
                    return new FeedEvent(
                            entry.cursor().encode(),
                            event.id(),
                            event.type(),
                            event.occurredAt(),
                            event.resource().type() + "/" + event.resource().id(),
                            asJson(event));
                })
                .toList();
        return new Read(events, page.heldBack());
    }

    /** By the events' own time: those that happened before the endpoint was made are not its to receive. */
    @Override
    public Optional<String> cursorBefore(String organizationId, Instant at) {
        return feed.endBefore(organizationId, at).map(FeedCursor::encode);
    }

    private String asJson(PublicEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A public event is plain data", e);
        }
    }
}
