package io.voicepartner.command.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Requests counted per key in fixed windows, for the limits on requests that come without a caller (sign-up,
 * login). The counters live in a cache of at most {@code maximumKeys} entries, so that a flood of distinct
 * e-mails or clients cannot grow the memory they take: Caffeine's eviction keeps the keys counted often (an
 * attack in progress) over the ones seen once, and a counter idle for longer than any window is dropped.
 */
public final class WindowCounters {

    /** The count in the key's current window, and how long that window still runs. */
    public record Tally(int count, Duration remaining) {}

    private record Window(Instant end, int count) {}

    private final Cache<String, Window> windows;
    private final Clock clock;

    public WindowCounters(int maximumKeys, Duration longestWindow, Clock clock) {
        this.windows = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterAccess(longestWindow)
                // evict on the caller's thread: the bound holds when a request returns, not some time later
                .executor(Runnable::run)
                .build();
        this.clock = clock;
    }

    /** Counts one more request under {@code key}, in a window of {@code window} that starts with its first. */
    public Tally count(String key, Duration window) {
        Instant now = clock.instant();
        Window counted = windows.asMap()
                .compute(
                        key,
                        (k, current) -> current == null || !now.isBefore(current.end())
                                ? new Window(now.plus(window), 1)
                                : new Window(current.end(), current.count() + 1));
        return new Tally(counted.count(), Duration.between(now, counted.end()));
    }

    /** Takes back one request counted under {@code key} in its current window (one that turned out not to count). */
    public void uncount(String key) {
        windows.asMap()
                .computeIfPresent(
                        key,
                        (k, current) -> current.count() <= 1 ? null : new Window(current.end(), current.count() - 1));
    }

    /** How many keys are held, after any eviction due. */
    public long size() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
