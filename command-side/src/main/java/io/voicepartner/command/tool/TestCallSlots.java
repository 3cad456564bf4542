package io.voicepartner.command.tool;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many test calls run at once: at most {@code perTenant} for one tenant and {@code total} for all of
 * them, so that the connections and request threads that calls hold until their deadline cannot all be taken
 * by one tenant. A call over either bound is refused at once rather than queued, since waiting would hold a
 * request thread just the same; it may be retried once the running calls' deadline has passed. Only tenants
 * with a call running are remembered.
 */
final class TestCallSlots {

    /** A running call's place; closing it frees the place. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A {@code 429}: too many test calls running; {@link #retryAfterSeconds()} for {@code Retry-After}. */
    static final class TooManyTestCalls extends ApiException {
        private final long retryAfterSeconds;

        TooManyTestCalls(String message, long retryAfterSeconds) {
            super(ErrorCode.RATE_LIMITED, message + "; retry in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final int perTenant;
    private final int total;
    private final long retryAfterSeconds;
    private final Map<String, Integer> running = new HashMap<>();
    private int runningTotal;

    /** @param deadline the longest a call runs: by then a slot is free again */
    TestCallSlots(int perTenant, int total, Duration deadline) {
        this.perTenant = perTenant;
        this.total = total;
        this.retryAfterSeconds = Math.max(1, (deadline.toMillis() + 999) / 1000);
    }

    /** @throws TooManyTestCalls if {@code tenant}, or all tenants together, have as many calls running as they may */
    synchronized Slot take(String tenant) {
        int ofTenant = running.getOrDefault(tenant, 0);
        if (ofTenant >= perTenant) {
            throw new TooManyTestCalls(
                    "Your tools already have " + perTenant + " test calls running, the most at once",
                    retryAfterSeconds);
        }
        if (runningTotal >= total) {
            throw new TooManyTestCalls("The platform runs as many test calls as it takes at once", retryAfterSeconds);
        }
        running.put(tenant, ofTenant + 1);
        runningTotal++;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(tenant);
            }
        };
    }

    private synchronized void release(String tenant) {
        running.computeIfPresent(tenant, (key, count) -> count == 1 ? null : count - 1);
        runningTotal--;
    }
}
