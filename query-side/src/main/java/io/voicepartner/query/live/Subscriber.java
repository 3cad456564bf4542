package io.voicepartner.query.live;

import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream of an organization's feed: where the hub has read it up to, and the messages read for it but not
 * yet written, at most {@code buffer} of them. A client that lets more pile up is disconnected, never buffered without
 * bound.
 */
final class Subscriber {

    /** A message waiting to be written. */
    private sealed interface Outgoing permits Event, Heartbeat {}

    private record Event(FeedCursor cursor, PublicEvent event) implements Outgoing {}

    private record Heartbeat() implements Outgoing {}

    private final String organizationId;
    private final Sink sink;
    private final BlockingQueue<Outgoing> waiting;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the write under way began ({@link System#nanoTime}), 0 when none is. */
    private volatile long writingSince;
    /** The last event read for this subscriber; only the hub's reading thread moves it. */
    private volatile FeedCursor cursor;

    Subscriber(String organizationId, FeedCursor after, Sink sink, int buffer) {
        this.organizationId = organizationId;
        this.cursor = after;
        this.sink = sink;
        this.waiting = new ArrayBlockingQueue<>(buffer);
    }

    String organizationId() {
        return organizationId;
    }

    FeedCursor cursor() {
        return cursor;
    }

    boolean closed() {
        return closed.get();
    }

    /** @return false if the buffer is full: the client is too slow, and is to be disconnected */
    boolean offer(FeedCursor at, PublicEvent event) {
        if (!waiting.offer(new Event(at, event))) {
            return false;
        }
        cursor = at;
        return true;
    }

    /** A heartbeat is dropped rather than refused when events wait: they show the connection is alive too. */
    void heartbeat() {
        waiting.offer(new Heartbeat());
    }

    /** Whether a write has been waiting on the client for longer than {@code limitNanos}. */
    boolean stuck(long now, long limitNanos) {
        long since = writingSince;
        return since != 0 && now - since > limitNanos;
    }

    void ready() throws IOException {
        sink.ready(cursor);
    }

    /**
     * Writes what waits, unless another sender is already doing so for this subscriber; what is offered while the
     * writing ends is written by the same call.
     *
     * @return false if the connection failed (the client went away)
     */
    boolean write() {
        while (!waiting.isEmpty() && !closed()) {
            if (!writing.compareAndSet(false, true)) {
                return true;
            }
            try {
                for (Outgoing next = waiting.poll(); next != null && !closed(); next = waiting.poll()) {
                    writingSince = System.nanoTime();
                    if (next instanceof Event event) {
                        sink.event(event.cursor(), event.event());
                    } else {
                        sink.heartbeat();
                    }
                    writingSince = 0;
                }
            } catch (IOException | RuntimeException e) {
                return false;
            } finally {
                writingSince = 0;
                writing.set(false);
            }
        }
        return true;
    }

    /** @return false if it was closed already */
    boolean close(String reason, String message) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        waiting.clear();
        sink.close(reason, message);
        return true;
    }
}
