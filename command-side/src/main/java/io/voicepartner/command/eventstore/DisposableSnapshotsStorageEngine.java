package io.voicepartner.command.eventstore;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The platform's storage engine ({@link ShortBatchEndsTrackedReads}), where a snapshot that cannot be read is treated as
 * no snapshot. Axon reads a snapshot's payload lazily, when the aggregate is already being loaded from it, so a
 * payload that no longer deserializes (a field renamed without a revision bump, a damaged row) would fail every
 * command on that aggregate. Reading it here instead lets the event store do what it does for any error while reading
 * a snapshot: log it and load the aggregate from its events.
 */
final class DisposableSnapshotsStorageEngine extends ShortBatchEndsTrackedReads {

    DisposableSnapshotsStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }
}
