package io.voicepartner.command.publishing;

import io.voicepartner.support.health.ProcessorHealth;
import io.voicepartner.support.health.ProcessorStatus;
import io.voicepartner.support.health.ProgressWatch;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /health}'s view of the publisher: its parked events, the events stored but not yet sent, and whether
 * its position has stopped moving while events wait (the broker away for long, or a failure retried for ever).
 * Every command-side node answers the same: all of it is read from the database.
 */
@Component
class PublisherHealth implements ProcessorHealth {

    private final PublisherLag lag;
    private final ParkedEvents parked;
    private final ProgressWatch progress;
    private final Duration cacheFor = Duration.ofSeconds(1);
    private ProcessorStatus cached;
    private long cachedAt;

    PublisherHealth(
            PublisherLag lag, ParkedEvents parked, @Value("${voicepartner.health.stalled-after}") Duration patience) {
        this.lag = lag;
        this.parked = parked;
        this.progress = new ProgressWatch(patience, Clock.systemUTC());
    }

    @Override
    public synchronized ProcessorStatus status() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt >= cacheFor.toNanos()) {
            double pending = lag.current();
            long count = parked.count();
            boolean waits = !Double.isNaN(pending) && pending > 0;
            cached = ProcessorStatus.of(
                    KafkaEventPublisher.PROCESSING_GROUP,
                    Double.isNaN(pending) ? null : (long) pending,
                    count,
                    parked.oldest().orElse(null),
                    progress.stalledSince(lag.position(), waits));
            cachedAt = now;
        }
        return cached;
    }
}
