package io.voicepartner.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organizations' events as webhooks deliver them: from the public feed ({@link EventFeed}, ADR 0031), in the
 * order it serves them, each as the events API shows it, so that every channel carries the same ids and bodies.
 */
@Component
class FeedEvents implements OrganizationEvents {

    private final EventFeed feed;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FeedEvents(EventFeed feed, JdbcClient jdbc, ObjectMapper json) {
        this.feed = feed;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<FeedEvent> after(String organizationId, String cursor, int limit) {
        EventFeed.Page page =
                feed.read(organizationId, cursor == null ? null : FeedCursor.decode(cursor), Set.of(), limit);
        return page.entries().stream()
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
    }

    /**
     * By the events' own time: those that happened before the endpoint was made are not its to receive. Only below the
     * feed's horizon (ADR 0031), as every read of the feed: a projection batch still running may hold a lower
     * transaction id than an event already committed, and a cursor past that event would pass over the batch's events
     * for good once it commits.
     */
    @Override
    public Optional<String> cursorBefore(String organizationId, Instant at) {
        return jdbc.sql("SELECT CAST(CAST(transaction_id AS text) AS bigint), position FROM query.events "
                        + "WHERE organization_id = ? AND occurred_at < ? "
                        + "AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                        + "ORDER BY transaction_id DESC, position DESC LIMIT 1")
                .params(organizationId, Timestamp.from(at))
                .query((row, n) -> new FeedCursor(row.getLong(1), row.getLong(2)).encode())
                .optional();
    }

    private String asJson(PublicEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A public event is plain data", e);
        }
    }
}
