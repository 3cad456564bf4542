package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliveries' statements where they are easy to get wrong. What the purge keeps: everything pending however old,
 * and every settled delivery younger than the retention; settled ones older go, with their attempts. What a take of due
 * deliveries costs once a backlog has built up: in proportion to the backlog, however small the table was when the
 * statement was first run on the connection (counted in rows read, not timed).
 */
class WebhookDeliveriesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final String TAKE_ENDPOINT = "endpoint-of-the-takes";
    private static final int RESOURCES = 200;

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

    /**
     * One connection throughout, as a node's pool keeps its connections for half an hour: the driver prepares the take
     * on the server after a few runs, and PostgreSQL may then settle on one generic plan for it. Made while the table
     * held twenty rows, that plan compared each due delivery with every pending one of its endpoint: 7.2 million rows
     * for a take of eight from 3,700 pending.
     */
    @Test
    void aTakeFromABacklogReadsInProportionToItEvenAfterManyTakesFromAnAlmostEmptyTable() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            SingleConnectionDataSource oneConnection = new SingleConnectionDataSource(connection, true);
            JdbcClient jdbc = JdbcClient.create(oneConnection);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(oneConnection));
            WebhookDeliveries deliveries = new WebhookDeliveries(jdbc, transaction);
            pending(jdbc, "small", 20, 10);
            for (int take = 0; take < 10; take++) {
                // leased for no time at all: each take finds the same twenty due again
                assertThat(deliveries.take(8, Duration.ZERO)).hasSize(8);
            }

            pending(jdbc, "backlog", 6_000, RESOURCES);
            jdbc.sql("UPDATE query.webhook_deliveries SET status = 'succeeded' WHERE id IN (SELECT id FROM "
                            + "query.webhook_deliveries WHERE endpoint_id = ? ORDER BY sequence LIMIT 2300)")
                    .param(TAKE_ENDPOINT)
                    .update();

            // the take joins this transaction, whose own statistics count the rows its index scans fetched
            long read = transaction.execute(status -> {
                List<WebhookDeliveries.Due> due = deliveries.take(8, Duration.ofSeconds(30));
                assertThat(due).hasSize(8);
                return jdbc.sql("SELECT idx_tup_fetch FROM pg_stat_xact_user_tables "
                                + "WHERE schemaname = 'query' AND relname = 'webhook_deliveries'")
                        .query(Long.class)
                        .single();
            });
            assertThat(read).as("rows fetched by one take from 3,720 pending").isLessThan(50_000);
        }
    }

    /** {@code count} pending deliveries, due now, spread over {@code resources} resources of one endpoint. */
    private static void pending(JdbcClient jdbc, String prefix, int count, int resources) {
        jdbc.sql("INSERT INTO query.webhook_deliveries (id, endpoint_id, owner_id, event_id, event_type, resource_key, "
                        + "body, status, next_attempt_at, created_at) SELECT :prefix || n, :endpoint, 'organization', "
                        + ":prefix || '-event-' || n, 'assistant.updated', 'assistant/' || (n % :resources), '{}', "
                        + "'pending', now() - interval '1 second', now() FROM generate_series(1, :count) n")
                .param("prefix", prefix)
                .param("endpoint", TAKE_ENDPOINT)
                .param("resources", resources)
                .param("count", count)
                .update();
    }
}
