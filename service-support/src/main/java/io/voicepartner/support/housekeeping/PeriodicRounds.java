package io.voicepartner.support.housekeeping;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Housekeeping that runs in rounds, a fixed delay apart, on a daemon thread of its own, from the application's
 * start until its stop. A round that fails (the database or the broker away) is logged and the next one tries
 * again: housekeeping never stops for good, and never holds up a request.
 */
public abstract class PeriodicRounds implements SmartLifecycle, DisposableBean {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean running;
    private ScheduledFuture<?> rounds;

    protected PeriodicRounds(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One round of the work; it should end early once {@link #isRunning()} turns false. */
    protected abstract void round();

    @Override
    public void start() {
        running = true;
        rounds = scheduler.scheduleWithFixedDelay(
                this::guardedRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    /**
     * Runs a round as soon as the thread is free instead of at the next interval, for work that has just become
     * due; the interval stays the bound when no one wakes it. Wakes before that round starts make one round, and
     * rounds never overlap (one thread).
     */
    public void wake() {
        if (running && woken.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    woken.set(false);
                    guardedRound();
                });
            } catch (RejectedExecutionException stopping) {
                woken.set(false);
            }
        }
    }

    /**
     * Wakes the rounds after {@code delay}: for work that is known to become due in a moment (an event committed but
     * held back behind a transaction still running), which should neither wait the interval nor be asked for at once.
     */
    public void wakeIn(Duration delay) {
        if (running) {
            try {
                var unused = scheduler.schedule(this::wake, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // shutting down: nothing more is due
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    private void guardedRound() {
        if (!running) {
            return;
        }
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}: {}", name, interval, e.getMessage());
        }
    }
}
