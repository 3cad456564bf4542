package io.voicepartner.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code voicepartner.publisher.lag}: how many events are stored but not yet on Kafka, as the store's
 * highest global index minus the publisher's token position. It reads the token row rather than asking
 * the {@code TokenStore}, which would claim the segment, and rather than the processor's in-memory status,
 * which only the instance that owns the segment has: so every command-side instance reports the same
 * number. One cheap statement (an index's last entry and one row), at most once a second however often
 * it is scraped. Sequence values of appends that rolled back count until the publisher has passed them.
 */
@Component
class PublisherLag {

    static final String GAUGE = "voicepartner.publisher.lag";
    private static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PublisherLag.class);

    private record Row(Long head, byte[] token, String tokenType) {}

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String query;
    private double lag = Double.NaN;
    private long position;
    private long measuredAt;
    private boolean measured;

    PublisherLag(JdbcClient jdbc, Serializer serializer, EventSchema events, TokenSchema tokens, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.query = "SELECT e.head, t." + tokens.tokenColumn() + " AS token, t." + tokens.tokenTypeColumn()
                + " AS token_type FROM (SELECT max(" + events.globalIndexColumn() + ") AS head FROM "
                + events.domainEventTable() + ") e LEFT JOIN " + tokens.tokenTable() + " t ON t."
                + tokens.processorNameColumn() + " = ? AND t." + tokens.segmentColumn() + " = 0";
        Gauge.builder(GAUGE, this, PublisherLag::current)
                .baseUnit("events")
                .description("Events in the event store that the kafka-publisher has not published yet")
                .register(meters);
    }

    synchronized double current() {
        long now = System.nanoTime();
        if (!measured || now - measuredAt >= MAX_AGE.toNanos()) {
            lag = measure();
            measuredAt = now;
            measured = true;
        }
        return lag;
    }

    /** The publisher's position as last measured: {@code /health} watches it move. */
    synchronized long position() {
        current();
        return position;
    }

    private double measure() {
        try {
            Row row = jdbc.sql(query)
                    .param(KafkaEventPublisher.PROCESSING_GROUP)
                    .query((rs, n) ->
                            new Row((Long) rs.getObject("head"), rs.getBytes("token"), rs.getString("token_type")))
                    .single();
            long head = row.head() == null ? 0 : row.head();
            position = position(row);
            return Math.max(0, head - position);
        } catch (DataAccessException e) {
            log.debug("Cannot measure the publisher's lag: {}", e.getMessage());
            return Double.NaN;
        }
    }

    /** No token (or a token without a position) means the publisher has not passed any event yet. */
    private long position(Row row) {
        if (row.token() == null || row.tokenType() == null) {
            return 0;
        }
        TrackingToken token =
                serializer.deserialize(new SimpleSerializedObject<>(row.token(), byte[].class, row.tokenType(), null));
        return token.position().orElse(0);
    }
}
