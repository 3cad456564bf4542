package io.voicepartner.command.user;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finishes, every {@code voicepartner.erasure.retry-interval}, the erasures that stopped half-way (a step refused or
 * failed, the node stopped: ADR 0043), on whichever command-side node gets to them first; the first round after a
 * start finishes those a stop left. An erasure that fails again stays recorded, with the type of its failure, for
 * the next round; one a step of which is refused for good is blocked, and no round takes it up again (ADR 0046).
 */
@Component
class ErasureCompletion extends PeriodicRounds {

    private static final Logger log = LoggerFactory.getLogger(ErasureCompletion.class);
    private static final int BATCH = 100;

    private final PendingErasures erasures;
    private final AccountLifecycle lifecycle;

    ErasureCompletion(
            PendingErasures erasures,
            AccountLifecycle lifecycle,
            @Value("${voicepartner.erasure.retry-interval}") Duration interval) {
        super("erasure-completion", interval);
        this.erasures = erasures;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void round() {
        for (String userId : erasures.unclaimed(BATCH)) {
            if (!isRunning()) {
                return;
            }
            if (lifecycle.finishPending(userId)) {
                log.info("Finished the erasure of user {}, which had stopped half-way", userId);
            }
        }
    }
}
