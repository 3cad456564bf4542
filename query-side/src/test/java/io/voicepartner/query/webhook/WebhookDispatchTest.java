package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.support.json.JsonConventions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Dispatch as the feed's notifications drive it, with a poll interval of an hour so that only they can: every endpoint
 * of the notified organization is read, however many it has, and an event held back behind a transaction still
 * running is taken as soon as that transaction ends, not a poll interval later (the tail BENCHMARKS.md measured).
 */
class WebhookDispatchTest {

    private static final Duration NO_POLL = Duration.ofHours(1);

    private static ReadModelDatabase database;
    private WebhookDispatch dispatch;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void startDispatch() {
        WebhookSettings settings = new WebhookSettings(
                List.of(Duration.ofSeconds(5)),
                Duration.ofSeconds(10),
                Duration.ofDays(3),
                NO_POLL,
                4,
                Duration.ofMinutes(1),
                Duration.ofDays(30));
        WebhookProgress progress = new WebhookProgress(database.jdbc());
        WebhookDeliveries deliveries = new WebhookDeliveries(database.jdbc(), database.transaction());
        FeedEvents feed = new FeedEvents(database.repository(EventFeed.class), JsonConventions.newObjectMapper());
        // never started: dispatch only wakes it, and sending is not what is tested here
        WebhookWorker worker = new WebhookWorker(
                settings, deliveries, new WebhookEndpointRows(database.jdbc()), progress, null, null, null);
        dispatch = new WebhookDispatch(
                settings,
                new StaticListableBeanFactory(Map.of("feed", feed)).getBeanProvider(OrganizationEvents.class),
                progress,
                deliveries,
                database.transaction(),
                new DeliveryIds(),
                worker);
        dispatch.start();
    }

    @AfterEach
    void stopDispatch() {
        dispatch.stop();
        dispatch.destroy();
    }

    @Test
    void aNotificationReadsEveryEndpointOfTheOrganizationAndNoOther() throws SQLException {
        String organization = "org-" + UUID.randomUUID();
        String another = "org-" + UUID.randomUUID();
        for (int n = 0; n < 150; n++) {
            endpoint(organization);
        }
        String elsewhere = endpoint(another);
        String event = event(organization);
        event(another);

        dispatch.appended(organization);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(event) == 150);
        assertThat(count("SELECT count(*) FROM query.webhook_deliveries WHERE endpoint_id = '" + elsewhere + "'"))
                .as("another organization's endpoint waits for its own notification")
                .isZero();
    }

    @Test
    void anEventHeldBackBehindARunningTransactionIsTakenWhenThatTransactionEnds() throws SQLException {
        String organization = "org-" + UUID.randomUUID();
        endpoint(organization);
        String event;
        try (Connection running = database.dataSource().getConnection();
                Statement statement = running.createStatement()) {
            running.setAutoCommit(false);
            // a transaction with an id, as a projection batch of the other consumer thread has
            statement.execute("SELECT pg_current_xact_id()");
            event = event(organization);

            dispatch.appended(organization);
            // held back while the older transaction runs: it could still commit an event before this one
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> deliveries(event) == 0);

            running.commit();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(event) == 1);
    }

    private static String endpoint(String organization) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO query.webhook_endpoints (id, "
                                + "owner_id, url, event_types, enabled, secret, created_by, revision, created_at, updated_at) "
                                + "VALUES (?, ?, 'https://example.com/hooks', '*', true, 'v2:k:x', 'someone', 1, now(), now())");
                PreparedStatement started = connection.prepareStatement("INSERT INTO query.webhook_endpoint_progress "
                        + "(endpoint_id, feed_started) VALUES (?, true)")) {
            connection.setAutoCommit(true);
            insert.setString(1, id);
            insert.setString(2, organization);
            insert.executeUpdate();
            started.setString(1, id);
            started.executeUpdate();
        }
        return id;
    }

    /** An event of the organization, committed. */
    private static String event(String organization) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO query.events (id, organization_id, "
                        + "type, occurred_at, resource_type, resource_id, revision, actor, object, changes) VALUES "
                        + "(?, ?, 'tool.created', now(), 'tool', ?, 1, 'system', '{}', '{}')")) {
            connection.setAutoCommit(true);
            insert.setString(1, id);
            insert.setString(2, organization);
            insert.setString(3, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
        return id;
    }

    private static long deliveries(String event) throws SQLException {
        return count("SELECT count(*) FROM query.webhook_deliveries WHERE event_id = '" + event + "'");
    }

    private static long count(String sql) throws SQLException {
        return database.jdbc().sql(sql).query(Long.class).single();
    }
}
