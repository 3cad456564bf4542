package io.voicepartner.bench.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event to Kafka, keyed by aggregate, in a tracking processor: the sends of a batch go out together and the
 * batch's token is stored only once the broker acknowledged all of them (acks=all), as the Axon Kafka extension's
 * WAIT_FOR_ACK mode does. Nothing is lost; a crash between the acknowledgement and the token republishes.
 */
@Component
@ProcessingGroup("kafka-publisher")
class KafkaPublisher {

    static final String TOPIC = "items";
    private static final String SENDS = KafkaPublisher.class.getName() + ".sends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final AtomicLong published = new AtomicLong();

    KafkaPublisher(KafkaTemplate<String, byte[]> kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @EventHandler
    void on(ItemCreated event) throws JsonProcessingException {
        send(event.id(), event);
    }

    @EventHandler
    void on(ItemRenamed event) throws JsonProcessingException {
        send(event.id(), event);
    }

    private void send(String key, Object event) throws JsonProcessingException {
        CompletableFuture<?> sent = kafka.send(TOPIC, key, json.writeValueAsBytes(event));
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<CompletableFuture<?>> sends = unitOfWork.getOrComputeResource(SENDS, name -> {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(batch));
            return batch;
        });
        sends.add(sent);
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> batch) {
        try {
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a batch", e.getCause());
        }
        published.addAndGet(batch.size());
    }

    long published() {
        return published.get();
    }
}
