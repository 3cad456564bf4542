package io.voicepartner.support.parking;

import com.fasterxml.jackson.core.JacksonException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Where a consumer parks a record it can never process as it is: on the dead-letter topic of the record's
 * topic ({@code <topic><suffix>}, same partition, so that one aggregate's letters stay in order, with the
 * exception in the recoverer's headers), and as a row of {@code <schema>.dead_letters} naming the record, its
 * aggregate, its type and the cause, both without any value the exception's message quoted ({@link ScrubbedCause}). The row is what an operator lists and what {@code /health} counts; the
 * letter is what a replay sends back ({@code infra/scripts/parked-events}), which marks the row replayed.
 * {@code voicepartner.projection.dead_letters} counts what was parked, by topic and reason.
 */
public final class DeadLetters {

    /** The counter every consumer of the platform parks under, told apart by its {@code processor} tag. */
    public static final String PARKED = "voicepartner.projection.dead_letters";

    private final String processor;
    private final String schema;
    private final DeadLetterPublishingRecoverer recoverer;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Duration cacheFor = Duration.ofSeconds(1);
    private Count cached;

    private record Count(long parked, Instant oldest, long measuredAt) {}

    public DeadLetters(
            String processor,
            String schema,
            String suffix,
            KafkaOperations<?, ?> kafka,
            JdbcClient jdbc,
            MeterRegistry meters) {
        this.processor = processor;
        this.schema = schema;
        this.recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(record.topic() + suffix, record.partition()));
        this.recoverer.setExceptionHeadersCreator(DeadLetters::scrubbedExceptionHeaders);
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public void park(ConsumerRecord<?, ?> record, Exception cause) {
        recoverer.accept(record, cause);
        jdbc.sql("INSERT INTO " + schema + ".dead_letters (processor, topic, topic_partition, record_offset, "
                        + "aggregate_id, event_type, cause) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        processor,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key() == null ? null : record.key().toString(),
                        header(record, EventHeaders.TYPE),
                        ScrubbedCause.of(cause))
                .update();
        Counter.builder(PARKED)
                .description("Records parked on a dead-letter topic because they can never be processed as they are")
                .tag("processor", processor)
                .tag("topic", record.topic())
                .tag("reason", cause.getClass().getSimpleName())
                .register(meters)
                .increment();
    }

    /**
     * The dead-letter topics of every aggregate type's topic, with as many partitions as the topics they serve
     * (a letter keeps its partition number, so that the letters of one aggregate stay in order), kept for
     * {@code retention}: long enough to fix and replay; a letter past it is still in the event store, and
     * {@code infra/scripts/republish} sends it again.
     */
    public static KafkaAdmin.NewTopics topics(
            String suffix, int partitions, short replicationFactor, Duration retention) {
        return new KafkaAdmin.NewTopics(Arrays.stream(AggregateType.values())
                .map(type -> TopicBuilder.name(type.topic() + suffix)
                        .partitions(partitions)
                        .replicas(replicationFactor)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                        .build())
                .toArray(NewTopic[]::new));
    }

    /** How many parked records have not been replayed, and when the oldest of them was parked. */
    public synchronized long unreplayed() {
        return count().parked();
    }

    public synchronized Optional<Instant> oldestUnreplayed() {
        return Optional.ofNullable(count().oldest());
    }

    private Count count() {
        long now = System.nanoTime();
        if (cached == null || now - cached.measuredAt() >= cacheFor.toNanos()) {
            cached = jdbc.sql("SELECT count(*), min(parked_at) FROM " + schema + ".dead_letters "
                            + "WHERE processor = ? AND replayed_at IS NULL")
                    .param(processor)
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp(2);
                        return new Count(rs.getLong(1), oldest == null ? null : oldest.toInstant(), now);
                    })
                    .single();
        }
        return cached;
    }

    /**
     * The recoverer's exception headers, under their usual names, without a value of the record in them (ADR 0043): the
     * exception's and its root cause's types, and the {@link ScrubbedCause scrubbed} message; no stack trace, whose
     * first line is the message as it was. A letter is kept for {@code DEAD_LETTER_RETENTION} on a topic that erasing
     * a person never rewrites.
     */
    private static void scrubbedExceptionHeaders(
            Headers headers, Exception exception, boolean isKey, DeadLetterPublishingRecoverer.HeaderNames names) {
        DeadLetterPublishingRecoverer.HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        headers.add(
                isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
                exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
        if (!isKey && root != exception) {
            headers.add(info.getExceptionCauseFqcn(), root.getClass().getName().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(
                isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(),
                ScrubbedCause.of(exception).getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The container's error handler for a consumer that parks here. A failure that can pass (the database or the
     * broker away) is retried with back-off, nothing skipped; one that fails the same way every time (a record
     * that cannot be read, a value a constraint refuses, and {@code neverPassing}) is parked at once, under the
     * consumer's own exception rather than the listener's or the batch's wrapping of it.
     */
    @SafeVarargs
    public final DefaultErrorHandler errorHandler(Class<? extends Exception>... neverPassing) {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        DefaultErrorHandler handler =
                new DefaultErrorHandler((record, failure) -> park(record, cause(failure)), backOff);
        handler.addNotRetryableExceptions(
                JacksonException.class, IllegalArgumentException.class, DataIntegrityViolationException.class);
        handler.addNotRetryableExceptions(neverPassing);
        return handler;
    }

    private static Exception cause(Exception failure) {
        Exception cause = failure;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() instanceof Exception wrapped) {
            cause = wrapped;
        }
        return cause;
    }
}
