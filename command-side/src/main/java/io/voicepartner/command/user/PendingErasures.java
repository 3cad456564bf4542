package io.voicepartner.command.user;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The erasures asked for and not yet finished ({@code command.pending_erasures}, ADR 0043). An erasure is recorded
 * before its first step and the row deleted in the transaction of its last, so that one stopped half-way (a refused
 * command, a node that stopped) is known and finished later without the person, who can no longer sign in, asking
 * again. A claim, a lease of {@link #LEASE}, keeps two nodes from working on one erasure at once; one that stopped
 * with the claim held is taken over when it runs out. One a step of which was refused for good is blocked (ADR 0046):
 * no round takes it up again, the person may sign in again, and their asking again resumes it.
 */
@Repository
class PendingErasures {

    /** Longer than any erasure's steps take; a node that stops holding one delays that erasure this much. */
    static final Duration LEASE = Duration.ofMinutes(5);

    /**
     * Why an erasure is blocked: the refusal's code and the organization whose step was refused, never its message.
     */
    record Blocked(String code, String organizationId) {}

    private final JdbcClient jdbc;

    PendingErasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the erasure, claimed by the caller; asked twice, it is one erasure.
     *
     * @return whether this recorded it (and the caller holds it)
     */
    boolean record(String userId) {
        return jdbc.sql("INSERT INTO command.pending_erasures (user_id, attempts, claimed_until) "
                                + "VALUES (?, 1, now() + ? * interval '1 second') ON CONFLICT (user_id) DO NOTHING")
                        .params(userId, LEASE.toSeconds())
                        .update()
                == 1;
    }

    /** Whether the person is locked out: their erasure is recorded, and not blocked. */
    boolean lockedOut(String userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM command.pending_erasures WHERE user_id = ? "
                        + "AND blocked_at IS NULL)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    Optional<Blocked> blocked(String userId) {
        return jdbc.sql("SELECT blocked_code, blocked_organization_id FROM command.pending_erasures "
                        + "WHERE user_id = ? AND blocked_at IS NOT NULL")
                .param(userId)
                .query((row, n) -> new Blocked(row.getString(1), row.getString(2)))
                .optional();
    }

    /** The erasures no one is working on and nothing blocks, the oldest first. */
    List<String> unclaimed(int limit) {
        return jdbc.sql("SELECT user_id FROM command.pending_erasures WHERE blocked_at IS NULL "
                        + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY requested_at LIMIT ?")
                .param(limit)
                .query(String.class)
                .list();
    }

    /**
     * A round's claim: a blocked erasure is not taken up (it would be refused the same way).
     *
     * @return whether the caller now holds the erasure, which no one else held
     */
    boolean claim(String userId) {
        return jdbc.sql("UPDATE command.pending_erasures SET claimed_until = now() + ? * interval '1 second', "
                                + "attempts = attempts + 1 WHERE user_id = ? AND blocked_at IS NULL "
                                + "AND (claimed_until IS NULL OR claimed_until < now())")
                        .params(LEASE.toSeconds(), userId)
                        .update()
                == 1;
    }

    /**
     * The person's own claim, when they ask again: it takes up a blocked erasure too, which is no longer blocked.
     *
     * @return whether the caller now holds the erasure, which no one else held
     */
    boolean resume(String userId) {
        return jdbc.sql("UPDATE command.pending_erasures SET claimed_until = now() + ? * interval '1 second', "
                                + "attempts = attempts + 1, blocked_at = NULL, blocked_code = NULL, "
                                + "blocked_organization_id = NULL "
                                + "WHERE user_id = ? AND (claimed_until IS NULL OR claimed_until < now())")
                        .params(LEASE.toSeconds(), userId)
                        .update()
                == 1;
    }

    /** Leaves the erasure to a later round, with the type of what stopped it (never its message, which may quote). */
    void failed(String userId, Exception failure) {
        jdbc.sql("UPDATE command.pending_erasures SET claimed_until = NULL, last_failure = ? WHERE user_id = ?")
                .params(failure.getClass().getName(), userId)
                .update();
    }

    /**
     * Blocks the erasure: a step was refused for good, which no round would change. The code and the organization, ids
     * only; the type as {@link #failed}.
     */
    void block(String userId, Blocked why, Exception refusal) {
        jdbc.sql("UPDATE command.pending_erasures SET claimed_until = NULL, last_failure = ?, blocked_at = now(), "
                        + "blocked_code = ?, blocked_organization_id = ? WHERE user_id = ?")
                .params(refusal.getClass().getName(), why.code(), why.organizationId(), userId)
                .update();
    }

    /** In the transaction of the erasure's last step. */
    void done(String userId) {
        jdbc.sql("DELETE FROM command.pending_erasures WHERE user_id = ?")
                .param(userId)
                .update();
    }
}
