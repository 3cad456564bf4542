package io.voicepartner.query.event;

import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.consuming.Journal;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.history.HistoryRows;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public event feed as the live consumer writes it and every channel reads it: one event per configuration
 * change with the resource as it was then, idempotent on redelivery, one organization's alone, and read from a cursor
 * in an order no later commit can overtake (ADR 0031).
 */
class EventFeedTest {

    private static ReadModelDatabase database;
    private static EventFeed feed;
    private static List<Projector> projectors;
    private static List<Journal> journals;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        feed = database.repository(EventFeed.class);
        projectors = database.projectors();
        journals = database.journals();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void eachConfigurationEventIsOnePublicEventWithTheResourceAsReadThenAndWhatChanged() {
        String organization = organization();
        String file = UUID.randomUUID().toString();
        EventEnvelope uploaded = revision(1, uploaded(file, organization));
        EventEnvelope described = revision(2, new FileDescriptionUpdated(file, organization, "second"));
        EventEnvelope deleted = revision(3, new FileDeleted(file, organization, true));

        List.of(uploaded, described, deleted).forEach(EventFeedTest::consume);

        List<PublicEvent> events = events(settled(organization, null, Set.of(), 50));
        assertThat(events)
                .extracting(PublicEvent::type)
                .containsExactly("file.uploaded", "file.updated", "file.deleted");
        PublicEvent second = events.get(1);
        assertThat(second.id()).isEqualTo(described.eventId());
        assertThat(second.organizationId()).isEqualTo(organization);
        assertThat(second.occurredAt()).isEqualTo(described.occurredAt());
        assertThat(second.resource()).isEqualTo(new PublicEvent.Resource("file", file, 2));
        assertThat(second.actor().type()).isEqualTo(ActorView.Type.USER);
        assertThat(second.data().object().path("description").asText()).isEqualTo("second");
        assertThat(second.data().object().path("revision").asLong()).isEqualTo(2);
        assertThat(second.data().object().path("id").asText()).isEqualTo(file);
        assertThat(second.data().changes().path("description").path("from").asText())
                .isEqualTo("first");
        assertThat(second.data().changes().path("description").path("to").asText())
                .isEqualTo("second");
        assertThat(feed.find(organization, described.eventId()).orElseThrow().event())
                .isEqualTo(second);
    }

    @Test
    void aRedeliveredOrReplayedEventAppendsNothing() {
        String organization = organization();
        String file = UUID.randomUUID().toString();
        EventEnvelope uploaded = revision(1, uploaded(file, organization));

        consume(uploaded);
        consume(uploaded);
        // the same revision under another id: the backfill's id for an event the audit log did not know
        consume(revision(1, uploaded(file, organization)));

        assertThat(events(settled(organization, null, Set.of(), 50)))
                .extracting(PublicEvent::id)
                .containsExactly(uploaded.eventId());
        assertThat(feed.count(organization, Set.of())).isEqualTo(1);
    }

    @Test
    void aCursorContinuesAfterItsEventAndTypesNarrowTheFeed() {
        String organization = organization();
        String file = UUID.randomUUID().toString();
        consume(revision(1, uploaded(file, organization)));
        consume(revision(2, new FileDescriptionUpdated(file, organization, "second")));
        consume(revision(3, new FileDescriptionUpdated(file, organization, "third")));

        EventFeed.Page first = settled(organization, null, Set.of(), 2);
        EventFeed.Page rest = settled(organization, first.next(), Set.of(), 2);

        assertThat(events(first))
                .extracting(event -> event.resource().revision())
                .containsExactly(1L, 2L);
        assertThat(events(rest))
                .extracting(event -> event.resource().revision())
                .containsExactly(3L);
        assertThat(rest.next()).isEqualTo(rest.entries().get(0).cursor());
        assertThat(events(settled(organization, rest.next(), Set.of(), 2))).isEmpty();
        assertThat(events(settled(organization, null, Set.of("file.updated"), 50)))
                .extracting(event -> event.resource().revision())
                .containsExactly(2L, 3L);
        assertThat(feed.count(organization, Set.of("file.uploaded"))).isEqualTo(1);
    }

    /**
     * An organization's feed grows without end, since the event store keeps everything. A page read from its start,
     * as the events API's first call, and its end, which every live subscription starts from, walk the feed's index.
     * They read rows in proportion to the page, not to the history. Sorting by the transaction id's number instead
     * of the column read all 5,000 rows here for each of them.
     */
    @Test
    void aPageFromTheStartAndTheEndOfALongFeedReadInProportionToThePageNotToTheHistory() {
        String organization = organization();
        database.jdbc()
                .sql("INSERT INTO query.events (id, organization_id, type, occurred_at, resource_type, resource_id, "
                        + "revision, actor, object, changes) SELECT :organization || '-' || n, :organization, "
                        + "'tool.updated', now(), 'tool', :organization || '-tool', n, 'system', '{}', '{}' "
                        + "FROM generate_series(1, 5000) n")
                .param("organization", organization)
                .update();
        // as autovacuum would after so many rows: with no statistics the planner scans the table whatever the query
        database.jdbc().sql("ANALYZE query.events").update();
        // once served, the one transaction that inserted them is behind every later snapshot's horizon: served always
        assertThat(events(settled(organization, null, Set.of(), 10))).hasSize(10);
        TransactionTemplate transaction =
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));

        // both reads join this transaction, whose own statistics count the rows its scans read
        long read = transaction.execute(status -> {
            assertThat(events(feed.read(organization, null, Set.of(), 10))).hasSize(10);
            assertThat(feed.end(organization)).isPresent();
            return database.jdbc()
                    .sql("SELECT seq_tup_read + idx_tup_fetch FROM pg_stat_xact_user_tables "
                            + "WHERE schemaname = 'query' AND relname = 'events'")
                    .query(Long.class)
                    .single();
        });
        assertThat(read)
                .as("rows read for a page of 10 and the end of a feed of 5,000")
                .isLessThan(500);
    }

    @Test
    void anotherOrganizationsEventsNeverAppear() {
        String mine = organization();
        String theirs = organization();
        String file = UUID.randomUUID().toString();
        EventEnvelope their = revision(1, uploaded(UUID.randomUUID().toString(), theirs));
        consume(revision(1, uploaded(file, mine)));
        consume(their);

        assertThat(events(settled(mine, null, Set.of(), 50)))
                .extracting(event -> event.resource().id())
                .containsExactly(file);
        assertThat(feed.find(mine, their.eventId())).isEmpty();
    }

    /**
     * A create's events come in one batch, applied in one transaction: the feed takes what the history has just
     * recorded from the transaction rather than reading it back. What it appends is what it would have read, with a
     * redelivery in the batch too (after which it reads back).
     */
    @Test
    void eventsAppliedInOneTransactionAreAppendedAsTheHistoryRecordsThem() {
        String organization = organization();
        String file = UUID.randomUUID().toString();
        EventEnvelope uploaded = revision(1, uploaded(file, organization));
        EventEnvelope described = revision(2, new FileDescriptionUpdated(file, organization, "second"));
        EventEnvelope deleted = revision(3, new FileDeleted(file, organization, true));
        String redelivered = UUID.randomUUID().toString();
        EventEnvelope uploadedAgain = revision(1, uploaded(redelivered, organization));
        EventEnvelope describedAgain = revision(2, new FileDescriptionUpdated(redelivered, organization, "second"));

        database.project(() -> List.of(uploaded, described, deleted).forEach(EventFeedTest::apply));
        database.project(
                () -> List.of(uploadedAgain, uploadedAgain, describedAgain).forEach(EventFeedTest::apply));

        List<PublicEvent> events = events(settled(organization, null, Set.of(), 50));
        assertThat(events)
                .extracting(PublicEvent::id)
                .containsExactly(
                        uploaded.eventId(),
                        described.eventId(),
                        deleted.eventId(),
                        uploadedAgain.eventId(),
                        describedAgain.eventId());
        HistoryRows history = database.repository(HistoryRows.class);
        for (PublicEvent event : events) {
            HistoryRows.Recorded[] readBack = new HistoryRows.Recorded[1];
            database.project(() -> readBack[0] = history.event(
                            event.resource().id(), event.resource().revision())
                    .orElseThrow());
            // as the feed's jsonb column stores them: a number is a number whether the JVM held an int or a long
            assertThat(stored(event.data().object())).isEqualTo(stored(readBack[0].object()));
            assertThat(stored(event.data().changes())).isEqualTo(stored(readBack[0].changes()));
        }
        assertThat(events.get(2).data().object().path("created_at").asText())
                .isEqualTo(uploaded.occurredAt().toString());
    }

    /**
     * What the history recorded before the feed existed comes into it (migration V28), named as the feed names it,
     * with the id the audit log knows the event by, and in the order it happened.
     */
    @Test
    void theBackfillBringsInWhatTheHistoryRecordedBeforeTheFeedExisted() throws Exception {
        String organization = organization();
        String file = UUID.randomUUID().toString();
        EventEnvelope uploaded = revision(1, uploaded(file, organization));
        EventEnvelope described = revision(2, new FileDescriptionUpdated(file, organization, "second"));
        for (EventEnvelope envelope : List.of(uploaded, described)) {
            // the read models alone, as before the feed
            database.project(() -> projectors.stream()
                    .filter(projector -> projector.aggregateType().wireName().equals(envelope.aggregateType()))
                    .forEach(projector -> projector.apply(envelope)));
        }
        assertThat(feed.count(organization, Set.of())).isZero();

        String migration;
        try (InputStream sql = getClass().getResourceAsStream("/db/query/V28__events_from_history.sql")) {
            migration = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO query");
            statement.execute(migration);
            statement.execute("RESET search_path");
        }

        List<PublicEvent> events = events(settled(organization, null, Set.of(), 50));
        assertThat(events).extracting(PublicEvent::id).containsExactly(uploaded.eventId(), described.eventId());
        assertThat(events).extracting(PublicEvent::type).containsExactly("file.uploaded", "file.updated");
        assertThat(events.get(1).data().changes().path("description").path("to").asText())
                .isEqualTo("second");
        assertThat(events.get(1).data().object().path("revision").asLong()).isEqualTo(2);
        // and the live consumer, delivering them again, adds nothing
        consume(described);
        assertThat(feed.count(organization, Set.of())).isEqualTo(2);
    }

    /**
     * Positions come from a sequence, taken when a row is inserted, not when it commits: the transaction that took
     * the lower one can commit last. A reader that had moved past the higher one would never see it; here it is not
     * served until nothing before it can still commit, and then both come in order.
     */
    @Test
    void twoTransactionsCommittingInTheOppositeOrderToTheirPositionsAreBothServedInOneOrder() throws SQLException {
        String organization = organization();
        insertCommitted(organization, "before");
        EventFeed.Page start = settled(organization, null, Set.of(), 50);
        assertThat(events(start)).extracting(PublicEvent::id).containsExactly("before");
        FeedCursor stored = start.next();

        try (Connection first = database.dataSource().getConnection();
                Connection second = database.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insert(first, organization, "lower-position");
            insert(second, organization, "higher-position");
            second.commit();

            EventFeed.Page whileTheFirstRuns = feed.read(organization, stored, Set.of(), 50);
            assertThat(whileTheFirstRuns.entries())
                    .as("the higher position has committed, but the lower one may still commit before it")
                    .isEmpty();
            assertThat(whileTheFirstRuns.heldBack()).isTrue();

            first.commit();
        }
        EventFeed.Page afterBoth = settled(organization, stored, Set.of(), 50);
        assertThat(events(afterBoth)).extracting(PublicEvent::id).containsExactly("lower-position", "higher-position");
        assertThat(events(settled(organization, afterBoth.next(), Set.of(), 50)))
                .isEmpty();
    }

    /**
     * A restore fills a new feed, of a new generation, under other transaction ids and in the order the replay happens
     * to commit (ADR 0041): a cursor stored before it continues with exactly the events that occurred after its last
     * one, wherever the new feed put them; one whose last event the restore lost is gone.
     */
    @Test
    void aCursorOfAnEarlierGenerationContinuesAfterItsLastEventInTheRefilledFeed() throws SQLException {
        String organization = organization();
        List<String> ids = List.of("one", "two", "three", "four", "five");
        for (int n = 0; n < ids.size(); n++) {
            insert(organization, ids.get(n), n);
        }
        settled(organization, null, Set.of(), 50);
        FeedCursor afterThree = settled(organization, null, Set.of(), 3).next();
        String generation = feed.generation();

        restore(organization, List.of("four", "two", "five", "one", "three"));

        assertThat(feed.generation()).isNotEqualTo(generation);
        EventFeed.Page first = settled(organization, FeedCursor.decode(afterThree.encode()), Set.of(), 1);
        assertThat(events(first)).extracting(PublicEvent::id).containsExactly("four");
        EventFeed.Page rest =
                settled(organization, FeedCursor.decode(first.next().encode()), Set.of(), 50);
        assertThat(events(rest)).extracting(PublicEvent::id).containsExactly("five");
        assertThat(rest.next().generation()).isEqualTo(feed.generation());
        assertThat(events(settled(organization, rest.next(), Set.of(), 50))).isEmpty();
        insert(organization, "after the restore", 10);
        assertThat(events(settled(organization, rest.next(), Set.of(), 50)))
                .extracting(PublicEvent::id)
                .containsExactly("after the restore");

        FeedCursor beforeAnotherRestore = rest.next();
        restore(organization, List.of("one", "two", "three", "four"));
        assertThatThrownBy(() -> feed.read(organization, beforeAnotherRestore, Set.of(), 50))
                .isInstanceOf(EventFeed.CursorGone.class)
                .hasMessageContaining("five");
    }

    /** What a restore does to one organization's feed: a new generation, its rows inserted again in another order. */
    private static void restore(String organization, List<String> order) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("CREATE TEMPORARY TABLE restored AS SELECT * FROM query.events WHERE organization_id = '"
                    + organization + "'");
            statement.execute("DELETE FROM query.events WHERE organization_id = '" + organization + "'");
            statement.execute(
                    "UPDATE query.feed_generation SET id = substr(md5(CAST(gen_random_uuid() AS text)), 1, 16)");
            for (String id : order) {
                // one transaction each, as the replay's batches: new transaction ids, new positions
                statement.execute("INSERT INTO query.events (id, organization_id, type, occurred_at, resource_type, "
                        + "resource_id, revision, actor, object, changes) SELECT id, organization_id, type, "
                        + "occurred_at, resource_type, resource_id, revision, actor, object, changes FROM restored "
                        + "WHERE id = '" + id + "'");
            }
            statement.execute("DROP TABLE restored");
        }
    }

    /** An event that occurred {@code minute} minutes into a day, committed. */
    private static void insert(String organization, String id, int minute) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO query.events (id, "
                        + "organization_id, type, occurred_at, resource_type, resource_id, revision, actor, object, "
                        + "changes) VALUES (?, ?, 'tool.created', TIMESTAMPTZ '2026-12-01 00:00Z' + ? * INTERVAL "
                        + "'1 minute', 'tool', ?, 1, 'system', '{}', '{}')")) {
            connection.setAutoCommit(true);
            insert.setString(1, id);
            insert.setString(2, organization);
            insert.setInt(3, minute);
            insert.setString(4, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    /**
     * The feed as soon as nothing in it is held back: any transaction on the shared PostgreSQL (another test's, another
     * build's) holds the horizon back for a moment, and what is served meanwhile is only a prefix.
     */
    private static EventFeed.Page settled(String organization, FeedCursor after, Set<String> types, int limit) {
        for (int attempt = 0; ; attempt++) {
            EventFeed.Page page = feed.read(organization, after, types, limit);
            if (!page.heldBack() || attempt == 400) {
                return page;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void insertCommitted(String organization, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            insert(connection, organization, id);
        }
        settled(organization, null, Set.of(), 50);
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

    private static void consume(EventEnvelope envelope) {
        database.project(() -> apply(envelope));
    }

    /** As the live consumer applies an event, in the current transaction. */
    private static void apply(EventEnvelope envelope) {
        projectors.stream()
                .filter(projector -> projector.aggregateType().wireName().equals(envelope.aggregateType()))
                .forEach(projector -> projector.apply(envelope));
        journals.forEach(journal -> journal.append(envelope));
    }

    /** The value as the feed's {@code jsonb} column gives it back. */
    private static String stored(JsonNode value) {
        return database.jdbc()
                .sql("SELECT CAST(CAST(? AS jsonb) AS text)")
                .param(value.toString())
                .query(String.class)
                .single();
    }

    private static List<PublicEvent> events(EventFeed.Page page) {
        return page.entries().stream().map(EventFeed.Entry::event).toList();
    }

    private static String organization() {
        return "org-" + UUID.randomUUID();
    }

    private static FileUploaded uploaded(String file, String organization) {
        return new FileUploaded(
                file, organization, "notes.txt", "Notes.txt", FileType.TXT, 42, "files/n", "first", "ab".repeat(32));
    }
}
