package io.voicepartner.support.parking;

import io.voicepartner.support.health.ProcessorHealth;
import io.voicepartner.support.health.ProcessorStatus;
import io.voicepartner.support.health.ProgressWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The health of a Kafka listener of the platform: its parked records ({@link DeadLetters}), how many records
 * wait for it (the Kafka consumer's own {@code records-lag-max}), and whether it has stopped advancing while
 * they wait: a record retried for ever (the database refusing it for a reason nobody classified) shows here.
 */
public final class ConsumerHealth implements ProcessorHealth {

    private final String listenerId;
    private final KafkaListenerEndpointRegistry listeners;
    private final DeadLetters deadLetters;
    private final LongSupplier processed;
    private final ProgressWatch progress;

    /** @param processed how many records the listener has finished with (applied, skipped or parked) */
    public ConsumerHealth(
            String listenerId,
            KafkaListenerEndpointRegistry listeners,
            DeadLetters deadLetters,
            LongSupplier processed,
            Duration patience) {
        this.listenerId = listenerId;
        this.listeners = listeners;
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.progress = new ProgressWatch(patience, Clock.systemUTC());
    }

    @Override
    public ProcessorStatus status() {
        Long pending = pending();
        return ProcessorStatus.of(
                listenerId,
                pending,
                deadLetters.unreplayed(),
                deadLetters.oldestUnreplayed().orElse(null),
                progress.stalledSince(processed.getAsLong(), pending != null && pending > 0));
    }

    /** The most records any of its partitions lags behind, {@code null} before its consumers have fetched. */
    private Long pending() {
        MessageListenerContainer container = listeners.getListenerContainer(listenerId);
        if (container == null) {
            return null;
        }
        double lag = Double.NaN;
        for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
                if ("records-lag-max".equals(metric.getKey().name())
                        && "consumer-fetch-manager-metrics"
                                .equals(metric.getKey().group())
                        && !metric.getKey().tags().containsKey("topic")
                        && metric.getValue().metricValue() instanceof Double value
                        && !value.isNaN()) {
                    lag = Double.isNaN(lag) ? value : Math.max(lag, value);
                }
            }
        }
        return Double.isNaN(lag) ? null : (long) lag;
    }
}
