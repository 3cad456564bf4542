package io.voicepartner.analytics.consuming;

import io.voicepartner.analytics.figures.Facts;
import io.voicepartner.analytics.membership.AnalyticsMemberships;
import io.voicepartner.analytics.membership.AnalyticsTokenRevocations;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.support.json.EnvelopeReader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every topic in the analytics consumer group, and records each event that is a fact in one insert
 * keyed by the event's id (so redeliveries change nothing). The offset is committed after the insert:
 * at-least-once, made exactly-once in effect by the key. The organizations' events keep who belongs to which
 * organization, guarded by its revision ({@link AnalyticsMemberships}); the users' events the tokens this side
 * refuses ({@link AnalyticsTokenRevocations}).
 */
@Component
class AnalyticsConsumer {

    static final String LISTENER_ID = "analytics";

    private final EnvelopeReader envelopes = new EnvelopeReader();
    private final Facts facts;
    private final AnalyticsMemberships memberships;
    private final AnalyticsTokenRevocations revocations;
    private final AtomicLong processed = new AtomicLong();

    AnalyticsConsumer(Facts facts, AnalyticsMemberships memberships, AnalyticsTokenRevocations revocations) {
        this.facts = facts;
        this.memberships = memberships;
        this.revocations = revocations;
    }

    @KafkaListener(
            id = LISTENER_ID,
            topics = "#{@analyticsTopics}",
            groupId = "${voicepartner.analytics.consumer-group}",
            containerFactory = "analyticsListenerFactory",
            concurrency = "${voicepartner.analytics.concurrency}")
    void consume(ConsumerRecord<String, byte[]> record) throws IOException {
        Optional<EventEnvelope> envelope = envelopes.read(record.value());
        envelope.ifPresent(event -> {
            facts.record(event);
            memberships.record(event);
            revocations.record(event);
        });
        processed.incrementAndGet();
    }

    /** How many records it has finished with: what {@code /health} watches for progress. */
    long processed() {
        return processed.get();
    }
}
