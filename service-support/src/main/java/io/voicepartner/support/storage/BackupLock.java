package io.voicepartner.support.storage;

/**
 * The PostgreSQL advisory lock that keeps a deleted file's stored bytes in place while a backup copies the file
 * store (ADR 0035). A backup takes its database snapshot and then copies the files that snapshot names: a file
 * deleted in between would be named live by the backup and be missing from it. So the backup holds this lock
 * exclusively from before its snapshot until its last file is copied, and the removal of a deleted file's bytes
 * takes it shared, in its transaction, first: removals wait for a running backup, and a backup waits for the
 * removals under way (whose deletion events are then in its snapshot).
 */
public final class BackupLock {

    /** The lock's key, one bigint: the ASCII of "vpbackup". */
    public static final long KEY = 0x7670_6261_636b_7570L;

    /** Taken by a backup on its own connection, for the session: released by {@link #RELEASE} or its end. */
    public static final String HOLD = "SELECT pg_advisory_lock(" + KEY + ")";

    public static final String RELEASE = "SELECT pg_advisory_unlock(" + KEY + ")";

    /** Taken by a removal of stored bytes, in its transaction: waits while a backup holds the lock. */
    public static final String WAIT = "SELECT pg_advisory_xact_lock_shared(" + KEY + ")";

    private BackupLock() {}
}
