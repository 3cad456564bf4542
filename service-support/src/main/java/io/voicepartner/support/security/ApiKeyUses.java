package io.voicepartner.support.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Remembers the latest use of each API key this process authenticated, in memory, and passes them on in rounds
 * ({@code voicepartner.api-keys.uses-flush-interval}) as {@link ApiKeyUse} records, one per key used since the last
 * round, to the query side, which shows them as the key's {@code last_used_at}. No event is stored per use, and a
 * key used a thousand times in a round costs one record. Every side that authenticates keys (the command side, the
 * query side, analytics, wherever deployed) passes on its own, so the key shows its latest use on any of them. A
 * record that cannot be sent (Kafka away) is kept for the next round; what a process saw in its last round before it
 * stopped is sent as it stops.
 */
final class ApiKeyUses extends PeriodicRounds {

    private final Map<String, ApiKeyUse> pending = new ConcurrentHashMap<>();
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;

    ApiKeyUses(ApiKeySettings settings, KafkaTemplate<String, byte[]> kafka, ObjectMapper json) {
        super("api-key-uses", settings.usesFlushInterval());
        this.kafka = kafka;
        this.json = json;
    }

    void used(ApiKey key, Instant at) {
        remember(new ApiKeyUse(key.id(), key.organizationId(), at));
    }

    private void remember(ApiKeyUse use) {
        pending.merge(
                use.keyId(), use, (held, latest) -> held.lastUsedAt().isAfter(latest.lastUsedAt()) ? held : latest);
    }

    @Override
    protected void round() {
        for (String keyId : List.copyOf(pending.keySet())) {
            ApiKeyUse use = pending.remove(keyId);
            if (use != null) {
                send(use);
            }
        }
    }

    private void send(ApiKeyUse use) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(use);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An API key's use is plain data", e);
        }
        try {
            // the outcome is handled where it completes: a use that was not sent waits for the next round
            var unused = kafka.send(new ProducerRecord<>(ApiKeyUse.TOPIC, use.keyId(), value))
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            remember(use);
                        }
                    });
        } catch (RuntimeException e) {
            remember(use);
            throw e;
        }
    }

    @Override
    public void stop() {
        super.stop();
        round();
    }
}
