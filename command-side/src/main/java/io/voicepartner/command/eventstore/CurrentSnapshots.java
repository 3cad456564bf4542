package io.voicepartner.command.eventstore;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedType;

/**
 * Lets a stored snapshot be used only if today's code would have written it: its payload type is one of
 * today's aggregate classes and its revision is that class's {@link Revision} today. Anything else, a snapshot
 * of an older revision or of a class since renamed or moved, is passed over: the aggregate is loaded from all
 * its events as if there were no snapshot, and the next trigger stores a current one. A stale snapshot is thus
 * ignored, never read into today's fields.
 */
final class CurrentSnapshots implements SnapshotFilter {

    private final Supplier<? extends Collection<Class<?>>> aggregateTypes;
    /** Resolved on first use: Axon knows its aggregates only once its configuration is built. */
    private volatile List<Class<?>> resolved;

    CurrentSnapshots(Supplier<? extends Collection<Class<?>>> aggregateTypes) {
        this.aggregateTypes = aggregateTypes;
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        SerializedType stored = snapshot.getPayload().getType();
        return aggregateTypes().stream()
                .filter(type -> type.getName().equals(stored.getName()))
                .anyMatch(type -> Objects.equals(EventStoreConfiguration.revisionOf(type), stored.getRevision()));
    }

    private List<Class<?>> aggregateTypes() {
        List<Class<?>> types = resolved;
        if (types == null) {
            types = List.copyOf(aggregateTypes.get());
            resolved = types;
        }
        return types;
    }
}
