package io.voicepartner.query.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.messaging.EventHeaders;
import io.voicepartner.support.web.RequestIdFilter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the platform's topics in the query side's consumer group and applies each event to every read
 * model that keeps its aggregate type, in one database transaction that also announces the new revision
 * (for reads waiting on it). Retries and dead letters are the container's ({@link ConsumerConfiguration}).
 *
 * <p>{@code voicepartner.projection.lag} times, per topic, how long after it happened each event was
 * committed to the read models; how many events wait is the Kafka consumer's own {@code records-lag}.
 * The {@code request_id} header of the record is in the logging context while it is applied.
 */
@Component
class EventConsumer {

    static final String PROJECTION_LAG = "voicepartner.projection.lag";
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final EnvelopeReader reader;
    private final List<Projector> projectors;
    private final RevisionAwaiter revisions;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    EventConsumer(EnvelopeReader reader, List<Projector> projectors, RevisionAwaiter revisions,
                  TransactionTemplate transaction, JdbcClient jdbc, MeterRegistry meters) {
        this.reader = reader;
        this.projectors = projectors;
        this.revisions = revisions;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    @KafkaListener(id = "read-models", topics = "#{@consumedTopics}",
            groupId = "${voicepartner.query.consumer-group}")
    void consume(ConsumerRecord<String, byte[]> record) throws IOException {
        Header requestId = record.headers().lastHeader(EventHeaders.REQUEST_ID);
        if (requestId == null) {
            apply(record);
            return;
        }
        MDC.put(RequestIdFilter.MDC_KEY, new String(requestId.value(), StandardCharsets.UTF_8));
        try {
            apply(record);
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) throws IOException {
        Optional<EventEnvelope> read = reader.read(record.value());
        if (read.isEmpty()) {
            log.debug("Skipping an event type no read model keeps at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        EventEnvelope envelope = read.get();
        AggregateType aggregateType = Arrays.stream(AggregateType.values())
                .filter(type -> type.wireName().equals(envelope.aggregateType()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown aggregate type " + envelope.aggregateType()));
        transaction.executeWithoutResult(status -> {
            ProjectionSchema.writeTo(jdbc, ProjectionSchema.SERVED);
            projectors.stream()
                    .filter(projector -> projector.aggregateType() == aggregateType)
                    .forEach(projector -> {
                        // an event overtaking a parked one would be applied over the hole it leaves
                        OptionalLong held = projector.revisionOf(envelope.aggregateId());
                        if (held.isPresent() && held.getAsLong() < envelope.revision() - 1) {
                            throw new ProjectionGapException(envelope.aggregateId(), envelope.revision(),
                                    held.getAsLong());
                        }
                        projector.apply(envelope);
                    });
            revisions.announce(envelope.aggregateId(), envelope.revision());
        });
        // clocks of two hosts may disagree by a little: an event never arrives before it happened
        Duration lag = Duration.between(envelope.occurredAt(), clock.instant());
        Timer.builder(PROJECTION_LAG)
                .description("From an event's occurred_at to its commit in the read models")
                .tag("topic", record.topic())
                .register(meters)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
