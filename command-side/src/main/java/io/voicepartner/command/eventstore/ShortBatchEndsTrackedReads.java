package io.voicepartner.command.eventstore;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, but the shared reader's read of the stream of all events ends with the first batch that
 * holds fewer events than the batch size, instead of with an empty one.
 *
 * <p>A batch is the events in a window of positions after the last one read. Axon's stream went on reading until a
 * window came back empty, and an empty window costs two statements in a transaction of its own: the read, and the
 * "extended gap check" that looks for events past a window of gaps. The shared reader that feeds every processor at
 * the head of the stream ({@code EmbeddedEventStore}'s producer) reads again on its own each time a read found events,
 * and is woken by every local commit, so at the head each wake-up read the new events and then two empty windows.
 * Under load that was one in six of the statements a create sent (BENCHMARKS.md, round two, thirteenth pass).
 *
 * <p>Nothing is read less, and nothing later: a short batch is the head of the store as it was read, or a window that
 * held positions of transactions that rolled back, and the shared reader reads again at once since it found events.
 * An empty window still runs Axon's gap check, so a window that holds only gaps is still read past.
 *
 * <p>The shared reader is the one reader that asks for a stream that may block ({@code mayBlock}). A processor's own
 * stream, which it reads while it is behind the shared reader's cache (a republish from the start), still reads on to
 * an empty window as Axon's does: ended early, it would move the processor onto that cache, which holds the events as
 * they were first read, before it reached the store's end.
 */
class ShortBatchEndsTrackedReads extends JdbcEventStorageEngine {

    ShortBatchEndsTrackedReads(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new Batches(trackingToken, mayBlock ? batchSize() : 1), false);
    }

    /** The batches from a token on, each read from the last event of the one before, up to the first short one. */
    private final class Batches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        /** The fewest events of a batch that another follows: the batch size, or 1 to read on to an empty one. */
        private final int fullBatch;

        private TrackingToken next;
        private Iterator<? extends TrackedEventData<?>> batch =
                List.<TrackedEventData<?>>of().iterator();
        private boolean lastBatchRead;

        private Batches(TrackingToken from, int fullBatch) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.next = from;
            this.fullBatch = fullBatch;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatchRead) {
                    return false;
                }
                List<? extends TrackedEventData<?>> read = fetchTrackedEvents(next, batchSize());
                lastBatchRead = read.size() < fullBatch;
                batch = read.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> event = batch.next();
            next = event.trackingToken();
            action.accept(event);
            return true;
        }
    }
}
