package io.voicepartner.query.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The history rows the current transaction has inserted, latest per resource, so that the public feed, appended in
 * the same transaction right after, need not read back what was just written (BENCHMARKS.md, issue 23). It knows a
 * resource's creator only if the transaction recorded the resource's first event itself, as a create's batch does;
 * otherwise the feed reads the row as before. It lives as long as the transaction and is never shared between two.
 */
final class InsertedRows {

    /** The first event's actor and time: who created the resource, and when. */
    record Creator(String actor, Instant occurredAt) {}

    /** A row this transaction inserted, with its resource's creator. */
    record Inserted(HistoryRows.Row row, Creator creator) {}

    private final Map<String, Inserted> latest = new HashMap<>();
    private final Map<String, Creator> creators = new HashMap<>();

    private InsertedRows() {}

    /** The current transaction's; empty outside a transaction, where nothing is remembered. */
    static Optional<InsertedRows> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        InsertedRows rows = (InsertedRows) TransactionSynchronizationManager.getResource(InsertedRows.class);
        if (rows == null) {
            InsertedRows created = new InsertedRows();
            TransactionSynchronizationManager.bindResource(InsertedRows.class, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(InsertedRows.class);
                }
            });
            rows = created;
        }
        return Optional.of(rows);
    }

    /**
     * @param inserted false if the row was there already (a redelivery): what the table holds is not what this
     *                 transaction computed, so nothing of the resource is remembered
     */
    void remember(HistoryRows.Row row, boolean inserted) {
        if (!inserted) {
            latest.remove(row.aggregateId());
            creators.remove(row.aggregateId());
            return;
        }
        if (row.first()) {
            creators.put(row.aggregateId(), new Creator(row.actor(), row.occurredAt()));
        }
        Creator creator = creators.get(row.aggregateId());
        if (creator == null) {
            latest.remove(row.aggregateId());
        } else {
            latest.put(row.aggregateId(), new Inserted(row, creator));
        }
    }

    /** The row at {@code revision} if it is the latest this transaction inserted for the resource. */
    Optional<Inserted> find(String aggregateId, long revision) {
        Inserted inserted = latest.get(aggregateId);
        return inserted != null && inserted.row().revision() == revision ? Optional.of(inserted) : Optional.empty();
    }
}
