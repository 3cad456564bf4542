package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.support.json.JsonConventions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a new endpoint's feed starts: after the last event committed before it was created, and never past an event a
 * transaction still running may yet commit (ADR 0031's horizon), which the endpoint would then never receive.
 */
class FeedEventsTest {

    private static ReadModelDatabase database;
    private static FeedEvents events;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        events = new FeedEvents(database.repository(EventFeed.class), JsonConventions.newObjectMapper());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /**
     * An endpoint created while a projection batch that took its transaction id early is still writing: the batch's
     * events come after the start in the order the feed serves, whatever the order they were inserted in.
     */
    @Test
    void anEndpointStartsBeforeTheEventsOfATransactionStillRunning() throws SQLException {
        String organization = UUID.randomUUID().toString();
        insertCommitted(organization, "before");
        String start;
        try (Connection running = database.dataSource().getConnection();
                Connection later = database.dataSource().getConnection()) {
            running.setAutoCommit(false);
            later.setAutoCommit(false);
            insert(running, organization, "of-the-running-batch");
            insert(later, organization, "committed-meanwhile");
            later.commit();

            start = events.cursorBefore(organization, Instant.now().plus(Duration.ofMinutes(1)))
                    .orElseThrow();
            running.commit();
        }

        assertThat(settled(organization, start))
                .extracting(OrganizationEvents.FeedEvent::id)
                .containsExactly("of-the-running-batch", "committed-meanwhile");
    }

    /** The feed after a cursor once nothing before its end can still commit (other tests' transactions pass by). */
    private static List<OrganizationEvents.FeedEvent> settled(String organization, String cursor) {
        List<OrganizationEvents.FeedEvent> read = List.of();
        for (int attempt = 0; attempt < 400 && read.size() < 2; attempt++) {
            read = events.after(organization, cursor, 50).events();
            pause();
        }
        return read;
    }

    private static void insertCommitted(String organization, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            insert(connection, organization, id);
        }
        for (int attempt = 0;
                attempt < 400 && events.after(organization, null, 50).events().isEmpty();
                attempt++) {
            pause();
        }
        assertThat(events.after(organization, null, 50).events()).hasSize(1);
    }

    private static void insert(Connection connection, String organization, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO query.events (id, organization_id, "
                + "type, occurred_at, resource_type, resource_id, revision, actor, object, changes) VALUES "
                + "(?, ?, 'tool.created', now(), 'tool', ?, 1, 'system', '{}', '{}')")) {
            insert.setString(1, id);
            insert.setString(2, organization);
            insert.setString(3, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
