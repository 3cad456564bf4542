package io.voicepartner.support.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells a processor that is busy from one that is stuck: fed its position and whether work waits for it, it
 * answers since when the position has not moved while work waited, once that has lasted {@code patience}. A
 * processor retrying one record forever (an error nobody classified as permanent) shows up here, where before
 * only a lag metric grew while {@code /health} said healthy.
 */
public final class ProgressWatch {

    private final Duration patience;
    private final Clock clock;
    private long position = Long.MIN_VALUE;
    private Instant unchangedSince;

    public ProgressWatch(Duration patience, Clock clock) {
        this.patience = patience;
        this.clock = clock;
    }

    /** @return since when it has been stuck, or {@code null} if it is not */
    public synchronized Instant stalledSince(long currentPosition, boolean workWaits) {
        Instant now = clock.instant();
        if (currentPosition != position || !workWaits) {
            position = currentPosition;
            unchangedSince = now;
            return null;
        }
        return Duration.between(unchangedSince, now).compareTo(patience) >= 0 ? unchangedSince : null;
    }
}
