package io.voicepartner.query.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves the live streams of one query node from the event feed ({@link EventFeed}), so that they deliver exactly what
 * the events API lists, with the same cursors. Every append to the feed notifies PostgreSQL's
 * {@link EventFeed#CHANNEL} with its organization when it commits, which reaches every node; the node then reads that
 * organization's feed once per distinct cursor among its subscribers (all of them, usually: they are caught up) and
 * hands each subscriber what follows its own cursor. An event held back for a moment (ADR 0031) is read again shortly;
 * every heartbeat reads every feed again, in case a notification was lost while the listening connection was away.
 *
 * <p>One thread reads the feed; writing to clients, which can wait on the network, is the senders' work. A client
 * with more than {@link LiveSettings#buffer} events waiting, or whose write waits longer than
 * {@link LiveSettings#sendTimeout}, is disconnected with the reason {@code slow_consumer}: it resumes from its last
 * cursor when it can keep up.
 */
@Component
public class LiveFeed implements SmartLifecycle {

    static final String SLOW_CONSUMER = "slow_consumer";
    /** Events read per subscriber group at a time. */
    private static final int BATCH = 100;
    /** How soon an organization's feed is read again when an event of it is held back. */
    private static final long HELD_BACK_RETRY_MILLIS = 20;

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final EventFeed feed;
    private final DataSource dataSource;
    private final LiveSettings settings;
    private final List<FeedAppended> appended;
    private final Map<String, Set<Subscriber>> byOrganization = new ConcurrentHashMap<>();
    /** Organizations whose feed is to be read; each once, however many notifications came meanwhile. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private ScheduledExecutorService reader;
    private ExecutorService senders;
    private ExecutorService closers;
    private Thread listener;

    LiveFeed(
            EventFeed feed,
            DataSource dataSource,
            LiveSettings settings,
            MeterRegistry meters,
            List<FeedAppended> appended) {
        this.feed = feed;
        this.appended = List.copyOf(appended);
        this.dataSource = dataSource;
        this.settings = settings;
        Gauge.builder(
                        "voicepartner.live.subscribers",
                        byOrganization,
                        subscribers -> subscribers.values().stream()
                                .mapToInt(Set::size)
                                .sum())
                .description("Open live streams (SSE and WebSocket) on this node")
                .register(meters);
    }

    /**
     * Opens a stream of the organization's events after {@code after} (carried over to the current generation of the
     * feed, {@link EventFeed#resolve}); without one, after the last event there is now. The sink hears
     * {@link Sink#ready} before this returns.
     *
     * @throws EventFeed.CursorGone if {@code after}'s last event was lost by a restore: nothing was opened
     */
    Subscriber subscribe(String organizationId, FeedCursor after, Sink sink) throws IOException {
        FeedCursor start = after != null
                ? feed.resolve(organizationId, after)
                : feed.end(organizationId).orElse(null);
        Subscriber subscriber = new Subscriber(organizationId, start, sink, settings.buffer());
        subscriber.ready();
        byOrganization
                .computeIfAbsent(organizationId, id -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        wake(organizationId);
        return subscriber;
    }

    /** Forgets a subscriber whose connection ended. */
    void unsubscribe(Subscriber subscriber) {
        byOrganization.computeIfPresent(subscriber.organizationId(), (id, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** Ends a stream, telling the client why if it still listens; off the calling thread, which must not wait. */
    void disconnect(Subscriber subscriber, String reason, String message) {
        unsubscribe(subscriber);
        closers.execute(() -> subscriber.close(reason, message));
    }

    private void wake(String organizationId) {
        if (running && byOrganization.containsKey(organizationId) && due.add(organizationId)) {
            reader.execute(() -> read(organizationId));
        }
    }

    /** On the reader thread: hands every subscriber of the organization what follows its cursor. */
    private void read(String organizationId) {
        due.remove(organizationId);
        Set<Subscriber> subscribers = byOrganization.get(organizationId);
        if (subscribers == null) {
            return;
        }
        Map<FeedCursor, List<Subscriber>> byCursor = new HashMap<>();
        subscribers.forEach(subscriber -> byCursor.computeIfAbsent(subscriber.cursor(), cursor -> new ArrayList<>())
                .add(subscriber));
        boolean more = false;
        boolean heldBack = false;
        try {
            for (Map.Entry<FeedCursor, List<Subscriber>> group : byCursor.entrySet()) {
                EventFeed.Page page = feed.read(organizationId, group.getKey(), Set.of(), BATCH);
                more |= page.entries().size() == BATCH;
                heldBack |= page.heldBack();
                for (Subscriber subscriber : group.getValue()) {
                    hand(subscriber, page);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the event feed of {} for its live streams: {}", organizationId, e.getMessage());
            var unused = reader.schedule(() -> wake(organizationId), 1, TimeUnit.SECONDS);
            return;
        }
        if (more) {
            wake(organizationId);
        } else if (heldBack) {
            var unused = reader.schedule(() -> wake(organizationId), HELD_BACK_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void hand(Subscriber subscriber, EventFeed.Page page) {
        for (EventFeed.Entry entry : page.entries()) {
            if (!subscriber.offer(entry.cursor(), entry.event())) {
                disconnect(
                        subscriber,
                        SLOW_CONSUMER,
                        "More than " + settings.buffer() + " events waited for this client; resume from the last "
                                + "event's id.");
                return;
            }
        }
        if (!page.entries().isEmpty()) {
            send(subscriber);
        }
    }

    private void send(Subscriber subscriber) {
        senders.execute(() -> {
            if (!subscriber.write()) {
                // the client went away: nobody to tell why
                disconnect(subscriber, "gone", "The connection failed.");
            }
        });
    }

    /** Every heartbeat: a stuck client is let go, every other one hears from the node, every feed is read again. */
    private void beat() {
        long now = System.nanoTime();
        byOrganization
                .values()
                .forEach(subscribers -> subscribers.forEach(subscriber -> {
                    if (subscriber.stuck(now, settings.sendTimeout().toNanos())) {
                        disconnect(
                                subscriber,
                                SLOW_CONSUMER,
                                "A write waited more than "
                                        + settings.sendTimeout().toSeconds() + " s for this client.");
                    } else {
                        subscriber.heartbeat();
                        send(subscriber);
                    }
                }));
        byOrganization.keySet().forEach(this::wake);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventFeed.CHANNEL);
                }
                // whatever was appended while no connection listened
                byOrganization.keySet().forEach(this::wake);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            wake(notification.getParameter());
                            appended.forEach(listener -> listener.appended(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the event feed's notification channel, reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        reader = Executors.newSingleThreadScheduledExecutor(named("live-feed-reader"));
        senders = Executors.newFixedThreadPool(settings.senders(), named("live-feed-sender"));
        closers = Executors.newCachedThreadPool(named("live-feed-closer"));
        running = true;
        long heartbeat = settings.heartbeat().toMillis();
        var unused = reader.scheduleWithFixedDelay(this::beat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        listener = new Thread(this::listen, "live-feed-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        byOrganization
                .values()
                .forEach(subscribers -> subscribers.forEach(subscriber ->
                        subscriber.close("shutting_down", "This node is stopping; reconnect to another.")));
        byOrganization.clear();
        if (reader != null) {
            reader.shutdownNow();
            senders.shutdownNow();
            closers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
