package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the platform's topics in the query side's consumer group and applies each event to every read
 * model that keeps its aggregate type, in one database transaction that also announces the new revision
 * (for reads waiting on it). Retries and dead letters are the container's ({@link ConsumerConfiguration}).
 */
@Component
class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final EnvelopeReader reader;
    private final List<Projector> projectors;
    private final RevisionAwaiter revisions;
    private final TransactionTemplate transaction;

    EventConsumer(EnvelopeReader reader, List<Projector> projectors, RevisionAwaiter revisions,
                  TransactionTemplate transaction) {
        this.reader = reader;
        this.projectors = projectors;
        this.revisions = revisions;
        this.transaction = transaction;
    }

    @KafkaListener(id = "read-models", topics = "#{@consumedTopics}",
            groupId = "${voicepartner.query.consumer-group}")
    void consume(ConsumerRecord<String, byte[]> record) throws IOException {
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
            projectors.stream()
                    .filter(projector -> projector.aggregateType() == aggregateType)
                    .forEach(projector -> projector.apply(envelope));
            revisions.announce(envelope.aggregateId(), envelope.revision());
        });
    }
}
