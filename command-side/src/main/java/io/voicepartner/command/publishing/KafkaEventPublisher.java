package io.voicepartner.command.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends every stored event, in store order, to its aggregate type's topic, keyed by aggregate id. The
 * event store is the outbox: the processor's token moves only in the commit of a batch, and the batch
 * commits only after Kafka acknowledged all its records. If the broker is away the batch fails, the token
 * stays, and the processor retries it (with Axon's backoff, at most a minute apart): at-least-once,
 * in order per aggregate (idempotent producer, one partition per key).
 *
 * <p>An event that can never be sent as it is ({@link Unpublishable}: larger than the broker takes, not
 * writable as JSON) does not hold up the platform: it is parked ({@link ParkedEvents}) with its cause in the
 * batch's transaction, and every later event of its aggregate is parked behind it, so that the aggregate's
 * order on the topic is kept while every other aggregate goes on (ADR 0020). The producer refuses an oversize
 * record at once, before anything behind it is sent; a refusal that only the broker makes arrives with the
 * acknowledgements, when events of the same aggregate later in the batch may have been sent already: the
 * consumers then park those as gaps ({@code ProjectionGapException}) until the replay brings the missing one.
 *
 * <p>{@code voicepartner.events.published} counts, by topic, the events whose batch committed (a batch sent
 * again after a failure counts once), {@code voicepartner.events.parked} the events parked, by reason.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    static final String PUBLISHED = "voicepartner.events.published";
    static final String PARKED = "voicepartner.events.parked";
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaTopics topics;
    private final KafkaAdmin admin;
    private final EventRecords records;
    private final ParkedEvents parked;
    private final StorePositions positions;
    private final Duration acknowledgementTimeout;
    private final MeterRegistry meters;

    KafkaEventPublisher(
            KafkaTemplate<String, byte[]> kafka,
            KafkaTopics topics,
            KafkaAdmin admin,
            EventRecords records,
            ParkedEvents parked,
            StorePositions positions,
            @Value("${voicepartner.publisher.acknowledgement-timeout:15s}") Duration acknowledgementTimeout,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.topics = topics;
        this.admin = admin;
        this.records = records;
        this.parked = parked;
        this.positions = positions;
        this.acknowledgementTimeout = acknowledgementTimeout;
        this.meters = meters;
    }

    @EventHandler
    void publish(DomainEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        topics.ensureCreated(admin);
        Batch batch = batch(unitOfWork);
        long position = batch.positionOf(message);
        // usage is in no aggregate's stream: it is kept in order, and parked, by the tool's or number's id
        String aggregateId = EventRecords.keyOf(event, message);
        String type = EventCatalogue.of(event.getClass()).name();
        Long failedAhead = batch.firstParked().get(aggregateId);
        if (failedAhead != null) {
            parked.parkBehind(position, aggregateId, type, failedAhead);
            batch.parked("waiting");
            return;
        }
        try {
            ProducerRecord<String, byte[]> record = records.recordOf(event, message, position);
            batch.sends().add(new Send(record.topic(), position, aggregateId, type, kafka.send(record)));
        } catch (Exception e) {
            // the producer refuses a record over its size limit here, before anything behind it is sent
            if (!Unpublishable.isCause(e)) {
                throw e instanceof RuntimeException runtime ? runtime : new KafkaException("Could not send", e);
            }
            park(batch, position, aggregateId, type, e);
        }
    }

    private void park(Batch batch, long position, String aggregateId, String type, Throwable failure) {
        String cause = Unpublishable.describe(failure);
        log.error(
                "Parked the {} at global position {} of aggregate {}; its aggregate's later events wait behind it "
                        + "(infra/scripts/parked-events): {}",
                type,
                position,
                aggregateId,
                cause);
        parked.parkFailed(position, aggregateId, type, cause);
        batch.firstParked().putIfAbsent(aggregateId, position);
        batch.parked("failed");
    }

    private record Send(
            String topic,
            long position,
            String aggregateId,
            String type,
            CompletableFuture<SendResult<String, byte[]>> acknowledged) {}

    /**
     * What one batch of the processor knows: the aggregates that have parked events (read once, at its
     * start: only the publisher parks, and the replay only ever removes), where its events are in the store
     * ({@link StorePositions}, read once for all of them), its sends, awaited once before the batch (and with it
     * the token) commits, and counted once it has.
     */
    private record Batch(
            Map<String, Long> firstParked,
            Map<String, Long> positions,
            List<Send> sends,
            Map<String, Integer> parkedByReason) {

        long positionOf(EventMessage<?> message) {
            Long position = positions.get(message.getIdentifier());
            if (position == null) {
                throw new IllegalStateException(
                        "The event " + message.getIdentifier() + " of the publisher's batch is not in the event store");
            }
            return position;
        }

        void parked(String reason) {
            parkedByReason.merge(reason, 1, Integer::sum);
        }
    }

    private Batch batch(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch(
                    parked.firstParkedByAggregate(),
                    positions.of(identifiersOf(root)),
                    new ArrayList<>(),
                    new HashMap<>());
            root.onPrepareCommit(committing -> awaitAcknowledgements(batch));
            root.afterCommit(committed -> count(batch));
            return batch;
        });
    }

    /** The events of the processor's batch (Axon hands a batch to its handlers in one batching unit of work). */
    private static List<String> identifiersOf(UnitOfWork<?> root) {
        List<? extends Message<?>> messages =
                root instanceof BatchingUnitOfWork<?> batch ? batch.getMessages() : List.of(root.getMessage());
        return messages.stream().map(Message::getIdentifier).toList();
    }

    private void count(Batch batch) {
        batch.sends().stream()
                .collect(Collectors.groupingBy(Send::topic, Collectors.counting()))
                .forEach((topic, published) ->
                        meters.counter(PUBLISHED, "topic", topic).increment(published));
        batch.parkedByReason()
                .forEach((reason, count) ->
                        meters.counter(PARKED, "reason", reason).increment(count));
    }

    /**
     * Waits for every send of the batch. A send refused for good parks its event; any other failure, or no
     * answer in time, fails the batch, which is then sent again as a whole.
     */
    private void awaitAcknowledgements(Batch batch) {
        long deadline = System.nanoTime() + acknowledgementTimeout.toNanos();
        List<Send> refused = new ArrayList<>();
        List<Send> published = new ArrayList<>();
        for (Send send : batch.sends()) {
            try {
                send.acknowledged().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(send);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                if (!Unpublishable.isCause(e)) {
                    throw new KafkaUnavailableException("Kafka did not acknowledge the batch; it will be retried", e);
                }
                refused.add(send);
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException(
                        "Kafka did not acknowledge the batch in time; it will be retried", e);
            }
        }
        for (Send send : refused) {
            try {
                send.acknowledged().join();
            } catch (RuntimeException failure) {
                park(batch, send.position(), send.aggregateId(), send.type(), failure);
            }
        }
        batch.sends().retainAll(published);
    }

    static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
