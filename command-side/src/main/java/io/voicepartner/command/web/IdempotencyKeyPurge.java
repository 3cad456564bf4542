package io.voicepartner.command.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the {@code Idempotency-Key} rows past their 24 h, every {@code voicepartner.idempotency.purge-interval}:
 * a key is only ever read again by a retry with the same key, so without this every key any caller ever sent
 * would stay. Deleted in batches of {@value #BATCH}, each its own short statement, so that a large backlog
 * never holds locks or a connection for long; several command-side nodes may purge at once.
 */
@Component
class IdempotencyKeyPurge implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
    private static final int BATCH = 1000;

    private final IdempotencyKeys keys;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-key-purge");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    IdempotencyKeyPurge(IdempotencyKeys keys, @Value("${voicepartner.idempotency.purge-interval}") Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = true;
        scheduler.scheduleWithFixedDelay(this::purge, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    /** One round: batches until one comes back short; a failure (the database away) waits for the next round. */
    void purge() {
        try {
            int deleted;
            do {
                deleted = running ? keys.purgeExpired(BATCH) : 0;
            } while (deleted == BATCH);
        } catch (RuntimeException e) {
            log.warn("Purging expired idempotency keys failed; trying again in {}: {}", interval, e.getMessage());
        }
    }
}
