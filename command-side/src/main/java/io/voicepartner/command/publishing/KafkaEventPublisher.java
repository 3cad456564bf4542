package io.voicepartner.command.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.messaging.EventHeaders;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.support.json.JsonConventions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Sends every stored event, in store order, to its aggregate type's topic, keyed by aggregate id. The
 * event store is the outbox: the processor's token moves only in the commit of a batch, and the batch
 * commits only after Kafka acknowledged all its records. If the broker is away the batch fails, the token
 * stays, and the processor retries it (with Axon's backoff, at most a minute apart): at-least-once,
 * in order per aggregate (idempotent producer, one partition per key).
 *
 * <p>Each record carries the envelope's fields as headers, plus the {@code request_id} of the HTTP request
 * that caused the event when there was one. {@code voicepartner.events.published} counts, by topic, the
 * events whose batch committed: a batch that is sent again after a failure counts once.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    static final String PUBLISHED = "voicepartner.events.published";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaTopics topics;
    private final KafkaAdmin admin;
    private final ObjectMapper objectMapper;
    private final Duration acknowledgementTimeout;
    private final MeterRegistry meters;

    KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaTopics topics, KafkaAdmin admin,
                        ObjectMapper objectMapper,
                        @Value("${voicepartner.publisher.acknowledgement-timeout:15s}") Duration acknowledgementTimeout,
                        MeterRegistry meters) {
        this.kafka = kafka;
        this.topics = topics;
        this.admin = admin;
        this.objectMapper = objectMapper;
        this.acknowledgementTimeout = acknowledgementTimeout;
        this.meters = meters;
    }

    @EventHandler
    void publish(DomainEvent event, DomainEventMessage<?> message, TrackingToken token, UnitOfWork<?> unitOfWork)
            throws JsonProcessingException {
        topics.ensureCreated(admin);
        EventEnvelope envelope = envelopeOf(event, message, token);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                EventCatalogue.of(event.getClass()).aggregateType().topic(),
                envelope.aggregateId(),
                objectMapper.writeValueAsBytes(envelope));
        addHeaders(record.headers(), envelope);
        header(record.headers(), EventHeaders.REQUEST_ID, (String) message.getMetaData().get("request_id"));
        pendingSends(unitOfWork).add(new Send(record.topic(), kafka.send(record)));
    }

    private static EventEnvelope envelopeOf(DomainEvent event, DomainEventMessage<?> message, TrackingToken token) {
        EventCatalogue.EventType type = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                message.getIdentifier(),
                type.name(),
                type.aggregateType().wireName(),
                message.getAggregateIdentifier(),
                Revisions.fromSequenceNumber(message.getSequenceNumber()),
                token.position().orElseThrow(),
                event.ownerId(),
                (String) message.getMetaData().get("actor"),
                message.getTimestamp(),
                type.schemaVersion(),
                event);
    }

    private static void addHeaders(Headers headers, EventEnvelope envelope) {
        header(headers, EventHeaders.EVENT_ID, envelope.eventId());
        header(headers, EventHeaders.TYPE, envelope.type());
        header(headers, EventHeaders.AGGREGATE_TYPE, envelope.aggregateType());
        header(headers, EventHeaders.AGGREGATE_ID, envelope.aggregateId());
        header(headers, EventHeaders.REVISION, Long.toString(envelope.revision()));
        header(headers, EventHeaders.GLOBAL_POSITION, Long.toString(envelope.globalPosition()));
        header(headers, EventHeaders.OWNER_ID, envelope.ownerId());
        header(headers, EventHeaders.ACTOR, envelope.actor());
        header(headers, EventHeaders.OCCURRED_AT, JsonConventions.format(envelope.occurredAt()));
        header(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
    }

    private static void header(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Send(String topic, CompletableFuture<SendResult<String, byte[]>> acknowledged) {
    }

    /**
     * The sends of the current batch, awaited once before the batch (and with it the token) commits, and
     * counted once it has.
     */
    private List<Send> pendingSends(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Send> sends = new ArrayList<>();
            batch.onPrepareCommit(committing -> awaitAcknowledgements(sends));
            batch.afterCommit(committed -> count(sends));
            return sends;
        });
    }

    private void count(List<Send> sends) {
        sends.stream().collect(Collectors.groupingBy(Send::topic, Collectors.counting()))
                .forEach((topic, published) -> meters.counter(PUBLISHED, "topic", topic).increment(published));
    }

    private void awaitAcknowledgements(List<Send> sends) {
        try {
            CompletableFuture.allOf(sends.stream().map(Send::acknowledged).toArray(CompletableFuture[]::new))
                    .get(acknowledgementTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the batch; it will be retried", e);
        }
    }

    static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
