package io.voicepartner.query.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.messaging.EventHeaders;
import io.voicepartner.support.json.EnvelopeReader;
import io.voicepartner.support.web.RequestIdFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the platform's topics in the query side's consumer group and applies each event to every read
 * model that keeps its aggregate type. The records of one poll are applied in one database transaction,
 * which also announces the new revisions (for reads waiting on them): one commit, and one pass through
 * PostgreSQL's cluster-wide {@code NOTIFY} lock, per batch instead of per event (see BENCHMARKS.md). If the
 * batch fails, its records are applied again one transaction each, so that those before the failing one
 * commit and the container's error handler ({@link ConsumerConfiguration}) retries or dead-letters just that
 * one; a record applied twice changes nothing (projectors are guarded by the row's revision).
 *
 * <p>{@code voicepartner.projection.lag} times, per topic, how long after it happened each event was
 * committed to the read models; how many events wait is the Kafka consumer's own {@code records-lag}.
 * The {@code request_id} header of the record is in the logging context while it is applied.
 */
@Component
class EventConsumer {

    static final String PROJECTION_LAG = "voicepartner.projection.lag";
    static final String LISTENER_ID = "read-models";
    static final String USAGE_LISTENER_ID = "read-models-usage";
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final EnvelopeReader reader;
    private final List<Projector> projectors;
    private final List<Journal> journals;
    private final RevisionAwaiter revisions;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Map<String, Timer> lagByTopic = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong processedUsage = new AtomicLong();
    private final Clock clock;

    EventConsumer(
            EnvelopeReader reader,
            List<Projector> projectors,
            List<Journal> journals,
            RevisionAwaiter revisions,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            MeterRegistry meters) {
        this.reader = reader;
        this.projectors = projectors;
        this.journals = journals;
        this.revisions = revisions;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    private record Applied(String topic, Instant occurredAt) {}

    @KafkaListener(
            id = LISTENER_ID,
            topics = "#{@consumedTopics}",
            groupId = "${voicepartner.query.consumer-group}",
            batch = "true")
    void consume(List<ConsumerRecord<String, byte[]>> records) {
        applyBatch(records);
        processed.addAndGet(records.size());
    }

    /**
     * Usage, on a consumer of its own (ADR 0017): a runtime reporting thousands of executions a second must never
     * queue an editor's change behind them, whose answer waits for the read model (read-your-writes).
     */
    @KafkaListener(
            id = USAGE_LISTENER_ID,
            topics = "#{@usageTopics}",
            containerFactory = "usageListenerFactory",
            groupId = "${voicepartner.query.consumer-group}-usage",
            batch = "true")
    void consumeUsage(List<ConsumerRecord<String, byte[]>> records) {
        applyBatch(records);
        processedUsage.addAndGet(records.size());
    }

    private void applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Applied> applied;
        try {
            applied = transaction.execute(status -> applyAll(records));
        } catch (RuntimeException batchFailed) {
            log.debug(
                    "A batch of {} records failed, applying them one by one: {}",
                    records.size(),
                    batchFailed.getMessage());
            applied = new ArrayList<>();
            for (int index = 0; index < records.size(); index++) {
                List<ConsumerRecord<String, byte[]>> one = records.subList(index, index + 1);
                try {
                    applied.addAll(transaction.execute(status -> applyAll(one)));
                } catch (RuntimeException e) {
                    recordLag(applied);
                    throw new BatchListenerFailedException(
                            "Could not apply " + records.get(index).topic() + "-"
                                    + records.get(index).partition() + "@"
                                    + records.get(index).offset(),
                            e instanceof UncheckedIOException io ? io.getCause() : e,
                            index);
                }
            }
        }
        recordLag(applied);
    }

    /** How many configuration records it has finished with: what {@code /health} watches for progress. */
    long processed() {
        return processed.get();
    }

    /** How many usage records it has finished with. */
    long processedUsage() {
        return processedUsage.get();
    }

    /** Applies the records in the current transaction and announces the highest revision of each aggregate. */
    private List<Applied> applyAll(List<ConsumerRecord<String, byte[]>> records) {
        ProjectionSchema.writeTo(jdbc, ProjectionSchema.SERVED);
        Map<String, Long> reached = new LinkedHashMap<>();
        List<Applied> applied = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Header requestId = record.headers().lastHeader(EventHeaders.REQUEST_ID);
            if (requestId != null) {
                MDC.put(RequestIdFilter.MDC_KEY, new String(requestId.value(), StandardCharsets.UTF_8));
            }
            try {
                apply(record, reached).ifPresent(envelope -> {
                    if (envelope.revision() > 0) {
                        // usage (revision 0) moves no resource's revision: nobody waits for it
                        reached.merge(envelope.aggregateId(), envelope.revision(), Math::max);
                    }
                    applied.add(new Applied(record.topic(), envelope.occurredAt()));
                });
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        }
        revisions.announce(reached);
        return applied;
    }

    /** @param reached the revision this transaction has applied up to, by aggregate */
    private Optional<EventEnvelope> apply(ConsumerRecord<String, byte[]> record, Map<String, Long> reached) {
        Optional<EventEnvelope> read;
        try {
            read = reader.read(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read.isEmpty()) {
            log.debug(
                    "Skipping an event type no read model keeps at {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return Optional.empty();
        }
        EventEnvelope envelope = read.get();
        AggregateType aggregateType = Arrays.stream(AggregateType.values())
                .filter(type -> type.wireName().equals(envelope.aggregateType()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown aggregate type " + envelope.aggregateType()));
        // an event overtaking a parked one would be applied over the hole it leaves; none can be left before a first
        // event, or before one whose predecessor this transaction has just applied (a create's events, one batch)
        boolean mayFollowHole = envelope.revision() > 1
                && !Long.valueOf(envelope.revision() - 1).equals(reached.get(envelope.aggregateId()));
        projectors.stream()
                .filter(projector -> projector.aggregateType() == aggregateType)
                .forEach(projector -> {
                    if (mayFollowHole) {
                        OptionalLong held = projector.revisionOf(envelope.aggregateId());
                        if (held.isPresent() && held.getAsLong() < envelope.revision() - 1) {
                            throw new ProjectionGapException(
                                    envelope.aggregateId(), envelope.revision(), held.getAsLong());
                        }
                    }
                    projector.apply(envelope);
                });
        // after the read models, which the feed reads from (its object and changes are the history's)
        journals.forEach(journal -> journal.append(envelope));
        return read;
    }

    private void recordLag(List<Applied> applied) {
        Instant committed = clock.instant();
        for (Applied event : applied) {
            // clocks of two hosts may disagree by a little: an event never arrives before it happened
            Duration lag = Duration.between(event.occurredAt(), committed);
            lagByTopic
                    .computeIfAbsent(
                            event.topic(),
                            topic -> Timer.builder(PROJECTION_LAG)
                                    .description("From an event's occurred_at to its commit in the read models")
                                    .tag("topic", topic)
                                    .register(meters))
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }
}
