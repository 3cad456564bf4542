package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a take of due deliveries costs once a backlog has built up: in proportion to the backlog, however small the
 * table was when the statement was first run on the connection. Counted in rows read, not timed.
 */
class WebhookTakeTest {

    private static final String ENDPOINT = "endpoint";
    private static final int RESOURCES = 200;

    private static ReadModelDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
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
            jdbc.sql("UPDATE query.webhook_deliveries SET status = 'succeeded' WHERE id IN "
                            + "(SELECT id FROM query.webhook_deliveries ORDER BY sequence LIMIT 2300)")
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
                .param("endpoint", ENDPOINT)
                .param("resources", resources)
                .param("count", count)
                .update();
    }
}
