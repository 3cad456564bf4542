package io.voicepartner.command.publishing;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where stored events are in the event store: the {@code global_index} of their rows, which their envelopes carry as
 * {@code global_position} and by which the publisher parks them. Not the position of the tracking token that comes
 * with an event: that says how far the publisher has read, which is the event's own index only when the event moved
 * it forward. An event whose transaction committed after a later event's (a commit gap, ADR 0004) fills a gap of the
 * token and leaves its index at the later event's, so its token names another event: parked under that position, the
 * replay sent the other event and never this one.
 */
@Repository
class StorePositions {

    private final JdbcClient jdbc;

    StorePositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the global index of each of these events that is in the store, by event identifier */
    Map<String, Long> of(Collection<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT event_identifier, global_index FROM command.domain_event_entry "
                        + "WHERE event_identifier IN (:identifiers)")
                .param("identifiers", eventIdentifiers)
                .query((rs, n) -> Map.entry(rs.getString("event_identifier"), rs.getLong("global_index")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
