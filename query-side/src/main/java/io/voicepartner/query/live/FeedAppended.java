package io.voicepartner.query.live;

/**
 * Told by {@link LiveFeed}, on its notification thread, each time the feed's {@code NOTIFY} says an organization's
 * feed has new events: for work that would otherwise find them only at its next round. It must return at once.
 */
public interface FeedAppended {

    void appended(String organizationId);
}
