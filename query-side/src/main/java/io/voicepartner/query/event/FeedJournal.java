package io.voicepartner.query.event;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.messaging.PublicEventTypes;
import io.voicepartner.query.consuming.Journal;
import io.voicepartner.query.history.HistoryRows;
import org.springframework.stereotype.Component;

/**
 * Appends each configuration event to its organization's feed as the live consumer applies it, with its object and
 * changes as the history has just recorded them in the same transaction (masked as there). Usage and the events of
 * users and organizations are not in the feed ({@link PublicEventTypes}).
 */
@Component
class FeedJournal implements Journal {

    private final HistoryRows history;
    private final EventFeed feed;

    FeedJournal(HistoryRows history, EventFeed feed) {
        this.history = history;
        this.feed = feed;
    }

    @Override
    public void append(EventEnvelope envelope) {
        PublicEventTypes.of(envelope.type())
                .ifPresent(type -> history.event(envelope.aggregateId(), envelope.revision())
                        .ifPresent(recorded -> feed.append(envelope, type, recorded)));
    }
}
