package io.voicepartner.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One node's live streams against the real feed and PostgreSQL's notifications: each subscriber gets what follows its
 * own cursor as it is appended, and a client that cannot keep up is let go with {@code slow_consumer} rather than
 * buffered without bound.
 */
class LiveFeedTest {

    private static final int BUFFER = 3;
    private static final long PATIENCE_SECONDS = 20;

    private static final BlockingQueue<String> appendedOrganizations = new LinkedBlockingQueue<>();

    private static ReadModelDatabase database;
    private static LiveFeed live;

    @BeforeAll
    static void start() {
        database = ReadModelDatabase.create();
        live = new LiveFeed(
                database.repository(EventFeed.class),
                database.dataSource(),
                new LiveSettings(Duration.ofMillis(200), BUFFER, Duration.ofSeconds(30), 2),
                new SimpleMeterRegistry(),
                List.of(appendedOrganizations::add));
        live.start();
    }

    @AfterAll
    static void stop() {
        live.stop();
        database.close();
    }

    @Test
    void eachSubscriberGetsWhatFollowsItsOwnCursorAsItIsAppended() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        Recording fromNow = new Recording();
        live.subscribe(organization, null, fromNow);
        append(organization, "first");
        assertThat(fromNow.next().id()).isEqualTo("first");
        FeedCursor afterFirst = fromNow.lastCursor;

        Recording resumed = new Recording();
        live.subscribe(organization, afterFirst, resumed);
        append(organization, "second");
        append(organization, "third");

        assertThat(List.of(fromNow.next().id(), fromNow.next().id())).containsExactly("second", "third");
        assertThat(List.of(resumed.next().id(), resumed.next().id())).containsExactly("second", "third");
        append("org-" + UUID.randomUUID(), "someone else's");
        append(organization, "fourth");
        assertThat(resumed.next().id()).isEqualTo("fourth");
    }

    /** What the webhooks' dispatcher hears, so that it need not wait for its next round (ADR 0032). */
    @Test
    void everyAppendIsToldToTheFeedsListenersWithItsOrganizationWhetherOrNotAnyoneSubscribes() throws Exception {
        String organization = "org-" + UUID.randomUUID();

        append(organization, organization + "-unsubscribed");

        String told;
        do {
            told = appendedOrganizations.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } while (told != null && !told.equals(organization));
        assertThat(told).isEqualTo(organization);
    }

    @Test
    void aClientThatCannotKeepUpIsDisconnectedAsASlowConsumer() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        Stuck stuck = new Stuck();
        live.subscribe(organization, null, stuck);
        try {
            // one being written (and stuck), the buffer's worth waiting, and one more
            for (int event = 0; event < BUFFER + 2; event++) {
                append(organization, organization + "-" + event);
            }
            assertThat(stuck.closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(LiveFeed.SLOW_CONSUMER);
        } finally {
            stuck.release.countDown();
        }
    }

    /** An event appended and committed as the live consumer does, notifying every node. */
    private static void append(String organization, String id) {
        database.transaction().executeWithoutResult(status -> {
            database.jdbc()
                    .sql(
                            "INSERT INTO query.events (id, organization_id, type, occurred_at, resource_type, resource_id, "
                                    + "revision, actor, object, changes) VALUES (?, ?, 'tool.created', now(), 'tool', ?, 1, "
                                    + "'system', '{}', '{}')")
                    .params(id, organization, UUID.randomUUID().toString())
                    .update();
            database.jdbc()
                    .sql("SELECT CAST(pg_notify(?, ?) AS text)")
                    .params(EventFeed.CHANNEL, organization)
                    .query()
                    .listOfRows();
        });
    }

    /** A client that reads everything at once. */
    private static final class Recording implements Sink {

        private final BlockingQueue<PublicEvent> events = new LinkedBlockingQueue<>();
        private volatile FeedCursor lastCursor;

        @Override
        public void ready(FeedCursor cursor) {}

        @Override
        public void event(FeedCursor cursor, PublicEvent event) {
            lastCursor = cursor;
            events.add(event);
        }

        @Override
        public void heartbeat() {}

        @Override
        public void close(String reason, String message) {}

        PublicEvent next() throws InterruptedException {
            PublicEvent event = events.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(event).as("an event within " + PATIENCE_SECONDS + " s").isNotNull();
            return event;
        }
    }

    /** A client whose first write never completes, as one that stopped reading with a full TCP window. */
    private static final class Stuck implements Sink {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void ready(FeedCursor cursor) {}

        @Override
        public void event(FeedCursor cursor, PublicEvent event) throws IOException {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }

        @Override
        public void heartbeat() {}

        @Override
        public void close(String reason, String message) {
            closed.complete(reason);
        }
    }
}
