package io.voicepartner.query.consuming;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a read wait until a read model has reached an aggregate's revision. Projections announce every
 * applied revision with PostgreSQL {@code NOTIFY} in their own transaction, so the announcement arrives
 * exactly when the row is visible, and reaches every query-side instance, whichever one projected it.
 */
@Component
public class RevisionAwaiter implements SmartLifecycle {

    private static final String CHANNEL = "read_model_advanced";
    /** PostgreSQL refuses a payload of 8000 bytes or more; ids and revisions are ASCII. */
    private static final int MAX_PAYLOAD = 7900;

    private static final Logger log = LoggerFactory.getLogger(RevisionAwaiter.class);

    private record Waiter(long revision, CompletableFuture<Void> reached) {}

    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private volatile boolean running;
    private Thread listener;

    RevisionAwaiter(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Called inside a projection's transaction; delivered to listeners when it commits. The revisions go
     * as few notifications as fit, each {@code id:revision[,id:revision...]}, below PostgreSQL's 8000-byte
     * payload limit: one round trip for a whole batch, not one per event.
     */
    void announce(Map<String, Long> reached) {
        StringBuilder payload = new StringBuilder();
        for (Map.Entry<String, Long> aggregate : reached.entrySet()) {
            String entry = aggregate.getKey() + ":" + aggregate.getValue();
            if (payload.length() > 0 && payload.length() + 1 + entry.length() > MAX_PAYLOAD) {
                notify(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.length() > 0 ? "," : "").append(entry);
        }
        if (payload.length() > 0) {
            notify(payload.toString());
        }
    }

    private void notify(String payload) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query().singleRow();
    }

    /**
     * A notification only wakes the wait up: whether the revision was reached is {@code current}'s to say, so that a
     * caller who names another user's aggregate (whose {@code current} is 0 for them) waits as long as for an id that
     * never existed, however that aggregate advances: the wait tells nothing about it (issue 17).
     *
     * @param current the revision the read model holds now for the caller (0 if none, or not theirs)
     * @return whether the read model reached {@code revision} within {@code timeout}
     */
    public boolean await(String aggregateId, long revision, Duration timeout, LongSupplier current) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Waiter waiter = new Waiter(revision, new CompletableFuture<>());
            waiters.computeIfAbsent(aggregateId, id -> ConcurrentHashMap.newKeySet())
                    .add(waiter);
            try {
                if (current.getAsLong() >= revision) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waiter.reached().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // a notification can be missed while the listener reconnects: the row has the last word
                return current.getAsLong() >= revision;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiters.computeIfPresent(aggregateId, (id, set) -> {
                    set.remove(waiter);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }

    private void reached(String aggregateId, long revision) {
        Set<Waiter> waiting = waiters.get(aggregateId);
        if (waiting != null) {
            waiting.stream()
                    .filter(waiter -> waiter.revision() <= revision)
                    .forEach(waiter -> waiter.reached().complete(null));
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the read-model notification channel, reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void dispatch(String payload) {
        for (String entry : payload.split(",")) {
            int separator = entry.lastIndexOf(':');
            if (separator > 0) {
                reached(entry.substring(0, separator), Long.parseLong(entry.substring(separator + 1)));
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

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "read-model-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
