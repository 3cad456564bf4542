package io.voicepartner.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the stream of all events is read from the store, on a real PostgreSQL: counted in statements, each of which
 * takes a connection of its own here. The shared reader at the head asks for a stream that may block; a processor
 * behind it reads one of its own that does not.
 */
class ShortBatchEndsTrackedReadsTest {

    private static final int BATCH = 100;

    private CommandDatabase database;
    private final AtomicInteger statements = new AtomicInteger();
    private JdbcEventStorageEngine engine;

    @BeforeEach
    void openStore() {
        database = CommandDatabase.create();
        engine = new ShortBatchEndsTrackedReads(JdbcEventStorageEngine.builder()
                .eventSerializer(new EventStoreConfiguration().serializer())
                .snapshotSerializer(SnapshotConfiguration.serializer())
                .connectionProvider(() -> {
                    statements.incrementAndGet();
                    return database.dataSource().getConnection();
                })
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventStoreConfiguration().eventSchema())
                .batchSize(BATCH));
    }

    @AfterEach
    void dropStore() {
        database.close();
    }

    @Test
    void aReadAtTheHeadEndsWithTheShortBatchThatReachedIt() {
        append(3);
        statements.set(0);

        assertThat(readFrom(null)).hasSize(3);
        // Axon's own stream read one more batch, empty, and looked past it for events beyond a window of gaps: three
        assertThat(statements).hasValue(1);
    }

    @Test
    void aFullBatchIsFollowedByTheNext() {
        append(1);
        TrackingToken afterTheFirst = readFrom(null).get(0).trackingToken();
        append(BATCH + 50);
        statements.set(0);

        assertThat(readFrom(afterTheFirst)).hasSize(BATCH + 50);
        assertThat(statements).hasValue(2);
    }

    @Test
    void aBatchShortOfGapsEndsTheReadAndTheNextGoesOnFromItsEnd() {
        // a batch is the events in a window of positions: the first window of all is one short, as a window with a
        // rolled-back transaction's position is
        append(BATCH + 50);

        List<? extends TrackedEventMessage<?>> first = readFrom(null);
        assertThat(first).hasSize(BATCH - 1);
        assertThat(readFrom(first.get(first.size() - 1).trackingToken())).hasSize(51);
    }

    @Test
    void aProcessorsOwnStreamReadsOnToAnEmptyWindowAsAxonsDoes() {
        // behind the shared reader's cache (a republish from the start), a stream that ended early would move the
        // processor onto that cache, which holds the events as they were first read
        append(BATCH + 50);

        assertThat(engine.readEvents(null, false).toList()).hasSize(BATCH + 50);
    }

    @Test
    void theNextReadFromWhereOneEndedGoesPastAWindowOfGaps() {
        append(1);
        // sequence numbers taken by transactions that rolled back: more of them in a row than a batch holds
        database.jdbc()
                .sql("SELECT setval(pg_get_serial_sequence('command.domain_event_entry', 'global_index'), "
                        + "nextval(pg_get_serial_sequence('command.domain_event_entry', 'global_index')) + 500)")
                .query()
                .singleValue();
        append(1);

        List<? extends TrackedEventMessage<?>> first = readFrom(null);
        assertThat(first).hasSize(1);
        List<? extends TrackedEventMessage<?>> next = readFrom(first.get(0).trackingToken());
        assertThat(next).hasSize(1);
        assertThat(next.get(0).trackingToken().position().orElseThrow()).isGreaterThan(500);
    }

    /** As the shared reader at the head of the stream reads. */
    private List<? extends TrackedEventMessage<?>> readFrom(TrackingToken token) {
        return engine.readEvents(token, true).toList();
    }

    private void append(int events) {
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> messages = IntStream.range(0, events)
                .<DomainEventMessage<?>>mapToObj(
                        n -> new GenericDomainEventMessage<>("Sample", aggregate, n, "event " + n))
                .toList();
        engine.appendEvents(messages);
    }
}
