package io.voicepartner.support.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach PostgreSQL (down, restarting, the network cut, the pool unable to open a
 * connection in time) from a bug, whatever framework wrapped it on the way: Axon wraps SQL errors in its
 * own exceptions, Spring in its data-access ones. The first is a dependency down, the second a 500.
 */
final class DatabaseUnreachable {

    /** What a client is told: it may retry, and a write with its Idempotency-Key is never applied twice. */
    static final String MESSAGE = "The database is unavailable: retry later. A write retried with the same "
            + "Idempotency-Key is applied at most once.";

    /** When a client may retry, in seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    /**
     * Class 08 is "connection exception"; 57P01–57P03 an administrator or crash shutdown, or startup; 25P03 the
     * server ending a session left idle in a transaction (the command side's {@code
     * DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS}): a node that was paused finds its connection gone when it resumes.
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "25P03");

    private static final String POOL_PACKAGE = "com.zaxxer.hikari.";

    private DatabaseUnreachable() {}

    static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (raisedByThePool(sql)
                            || (sql.getSQLState() != null
                                    && (sql.getSQLState().startsWith("08")
                                            || SHUTDOWN_STATES.contains(sql.getSQLState()))))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's own refusals carry no SQLSTATE: a statement asked of a connection it has just closed as
     * broken (a failed statement earlier in the same transaction) is "Connection is closed".
     */
    private static boolean raisedByThePool(SQLException sql) {
        StackTraceElement[] origin = sql.getStackTrace();
        return origin.length > 0 && origin[0].getClassName().startsWith(POOL_PACKAGE);
    }
}
