package io.voicepartner.command.publishing;

import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.command.publishing.ParkedEvents.ParkedEvent;
import io.voicepartner.support.housekeeping.PeriodicRounds;
import io.voicepartner.support.parking.ScrubbedCause;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends parked events once they can go: those an operator asked to replay after a fix (an upcaster, a larger
 * broker limit: {@code infra/scripts/parked-events replay}), and those that only waited behind an event that
 * has been sent meanwhile. Each aggregate's events are sent in their order, each read again from the event
 * store (so through today's upcasters) and removed once Kafka acknowledged it; the first that fails stops its
 * aggregate: refused for good, it is parked again with the new cause, otherwise (the broker away) it is tried
 * at the next round. An advisory lock per aggregate keeps two command-side nodes from replaying one aggregate.
 */
@Component
class ParkedEventReplay extends PeriodicRounds {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventReplay.class);

    private final ParkedEvents parked;
    private final EventStorageEngine store;
    private final EventRecords records;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transaction;
    private final Duration acknowledgementTimeout;

    ParkedEventReplay(
            ParkedEvents parked,
            EventStorageEngine store,
            EventRecords records,
            KafkaTemplate<String, byte[]> kafka,
            TransactionTemplate transaction,
            @Value("${voicepartner.publisher.replay-interval:5s}") Duration interval,
            @Value("${voicepartner.publisher.acknowledgement-timeout:15s}") Duration acknowledgementTimeout) {
        super("parked-event-replay", interval);
        this.parked = parked;
        this.store = store;
        this.records = records;
        this.kafka = kafka;
        this.transaction = transaction;
        this.acknowledgementTimeout = acknowledgementTimeout;
    }

    /** One round over every aggregate that is due. */
    @Override
    protected void round() {
        for (String aggregateId : parked.aggregatesDue()) {
            transaction.executeWithoutResult(status -> replay(aggregateId));
        }
    }

    private void replay(String aggregateId) {
        for (ParkedEvent event : parked.lockForReplay(aggregateId)) {
            try {
                ProducerRecord<String, byte[]> record = recordOf(event.globalIndex());
                kafka.send(record).get(acknowledgementTimeout.toMillis(), TimeUnit.MILLISECONDS);
                parked.sent(event.globalIndex());
                log.info(
                        "Sent the parked {} at global position {} of aggregate {}",
                        event.eventType(),
                        event.globalIndex(),
                        aggregateId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (Unpublishable.isCause(e)) {
                    parked.failedAgain(event.globalIndex(), Unpublishable.describe(e));
                    log.error(
                            "The parked {} at global position {} of aggregate {} still cannot be sent: {}",
                            event.eventType(),
                            event.globalIndex(),
                            aggregateId,
                            Unpublishable.describe(e));
                } else {
                    log.warn(
                            "Could not send the parked event at global position {} yet: {}",
                            event.globalIndex(),
                            ScrubbedCause.of(e));
                }
                return;
            }
        }
    }

    /** The event at a global position, read again from the store, as the publisher would have sent it. */
    private ProducerRecord<String, byte[]> recordOf(long globalIndex) throws Exception {
        GapAwareTrackingToken before = globalIndex == 0
                ? null
                : GapAwareTrackingToken.newInstance(globalIndex - 1, Collections.emptySortedSet());
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(before, false)) {
            TrackedEventMessage<?> message = events.filter(
                            candidate -> candidate.trackingToken().position().orElse(-1) >= globalIndex)
                    .findFirst()
                    .filter(found -> found.trackingToken().position().orElse(-1) == globalIndex)
                    .orElseThrow(() -> new IllegalStateException("No event at global position " + globalIndex));
            if (!(message.getPayload() instanceof DomainEvent event)) {
                throw new IllegalStateException("The event at global position " + globalIndex + " is no domain event");
            }
            return records.recordOf(event, message, globalIndex);
        }
    }
}
