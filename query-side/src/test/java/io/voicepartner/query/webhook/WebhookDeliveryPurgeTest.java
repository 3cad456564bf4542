package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the purge of deliveries keeps: everything pending however old, and every settled delivery younger than the
 * retention; settled ones older go, with their attempts.
 */
class WebhookDeliveryPurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    private static ReadModelDatabase database;
    private static WebhookDeliveries deliveries;

    private final String endpoint = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        deliveries = new WebhookDeliveries(database.jdbc(), database.transaction());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void settledDeliveriesPastTheRetentionGoWithTheirAttemptsAndPendingOnesStay() {
        String oldSucceeded = delivery("succeeded", NOW.minus(Duration.ofDays(31)));
        String oldFailed = delivery("failed", NOW.minus(Duration.ofDays(40)));
        String oldCancelled = delivery("cancelled", NOW.minus(Duration.ofDays(31)));
        String oldPending = delivery("pending", NOW.minus(Duration.ofDays(90)));
        String recentSucceeded = delivery("succeeded", NOW.minus(Duration.ofDays(29)));

        int deleted = deliveries.purgeSettledBefore(NOW.minus(RETENTION), 1000);

        assertThat(deleted).isEqualTo(3);
        assertThat(remaining()).containsExactlyInAnyOrder(oldPending, recentSucceeded);
        assertThat(database.jdbc()
                        .sql("SELECT count(*) FROM query.webhook_attempts WHERE delivery_id IN (?, ?, ?)")
                        .params(oldSucceeded, oldFailed, oldCancelled)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aBacklogGoesInBatchesOfTheLimit() {
        for (int i = 0; i < 5; i++) {
            delivery("succeeded", NOW.minus(Duration.ofDays(60 + i)));
        }

        assertThat(deliveries.purgeSettledBefore(NOW.minus(RETENTION), 2)).isEqualTo(2);
        assertThat(deliveries.purgeSettledBefore(NOW.minus(RETENTION), 2)).isEqualTo(2);
        assertThat(deliveries.purgeSettledBefore(NOW.minus(RETENTION), 2)).isEqualTo(1);
        assertThat(remaining()).isEmpty();
    }

    /** A delivery of this test's endpoint made at {@code createdAt}, with one attempt. */
    private String delivery(String status, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        database.jdbc()
                .sql("INSERT INTO query.webhook_deliveries (id, endpoint_id, owner_id, event_id, event_type, "
                        + "resource_key, body, status, attempts, created_at) "
                        + "VALUES (?, ?, 'owner', ?, 'assistant.updated', 'assistant/a', '{}', ?, 1, ?)")
                .params(id, endpoint, UUID.randomUUID().toString(), status, Timestamp.from(createdAt))
                .update();
        database.jdbc()
                .sql("INSERT INTO query.webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms) "
                        + "VALUES (?, 1, ?, 200, 12)")
                .params(id, Timestamp.from(createdAt))
                .update();
        return id;
    }

    private List<String> remaining() {
        return database.jdbc()
                .sql("SELECT id FROM query.webhook_deliveries WHERE endpoint_id = ?")
                .param(endpoint)
                .query(String.class)
                .list();
    }
}
