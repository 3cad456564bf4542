package io.voicepartner.command.web;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes the {@code Idempotency-Key} rows past their 24 h, every {@code voicepartner.idempotency.purge-interval}:
 * a key is only ever read again by a retry with the same key, so without this every key any caller ever sent
 * would stay. Deleted in batches of {@value #BATCH}, each its own short statement, so that a large backlog
 * never holds locks or a connection for long; several command-side nodes may purge at once.
 */
@Component
class IdempotencyKeyPurge extends PeriodicRounds {

    private static final int BATCH = 1000;

    private final IdempotencyKeys keys;

    IdempotencyKeyPurge(IdempotencyKeys keys, @Value("${voicepartner.idempotency.purge-interval}") Duration interval) {
        super("idempotency-key-purge", interval);
        this.keys = keys;
    }

    /** Batches until one comes back short. */
    @Override
    protected void round() {
        int deleted;
        do {
            deleted = isRunning() ? keys.purgeExpired(BATCH) : 0;
        } while (deleted == BATCH);
    }
}
