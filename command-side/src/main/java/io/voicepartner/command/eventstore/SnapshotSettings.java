package io.voicepartner.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When aggregates are snapshotted.
 *
 * @param threshold {@code SNAPSHOT_THRESHOLD}: a snapshot is taken once loading and changing an aggregate has
 *                  read this many events since its last snapshot, so that no load reads many more
 */
@ConfigurationProperties("voicepartner.snapshots")
record SnapshotSettings(int threshold) {

    SnapshotSettings {
        if (threshold < 2) {
            // a snapshot is only stored when it replaces more than one event (Axon's AbstractSnapshotter)
            throw new IllegalArgumentException("voicepartner.snapshots.threshold must be at least 2, was " + threshold);
        }
    }
}
