package io.voicepartner.query.live;

import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.io.IOException;

/**
 * Where one subscriber's messages go: a Server-Sent Events response or a WebSocket session. Each call may wait on the
 * network; {@link LiveFeed} makes them from its senders, one at a time per subscriber, never from the thread that
 * reads the feed.
 */
interface Sink {

    /** The subscription is open and starts after {@code cursor} ({@code null}: the beginning of an empty feed). */
    void ready(FeedCursor cursor) throws IOException;

    void event(FeedCursor cursor, PublicEvent event) throws IOException;

    void heartbeat() throws IOException;

    /**
     * Ends the connection, telling the client why if it still listens.
     *
     * @param reason a stable code, e.g. {@code slow_consumer}
     */
    void close(String reason, String message);
}
