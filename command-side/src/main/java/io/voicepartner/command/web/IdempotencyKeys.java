package io.voicepartner.command.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code command.idempotency_keys} table: one row per (caller, key), first claimed, then completed. */
@Repository
class IdempotencyKeys {

    /** How long a key's response is replayed; past it the key is new again, and its row is deleted. */
    static final Duration RETENTION = Duration.ofHours(24);

    record StoredResponse(int status, String contentType, String location, String etag, byte[] body) {}

    record Entry(byte[] requestHash, boolean completed, Instant createdAt, StoredResponse response) {}

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if this request now owns the key; false if another request holds it */
    boolean claim(String caller, String key, byte[] requestHash) {
        try {
            return jdbc.sql(
                                    "INSERT INTO command.idempotency_keys (caller, idempotency_key, request_hash) VALUES (?, ?, ?)")
                            .params(caller, key, requestHash)
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Entry> find(String caller, String key) {
        return jdbc.sql("SELECT request_hash, completed, created_at, status_code, content_type, location, etag, body "
                        + "FROM command.idempotency_keys WHERE caller = ? AND idempotency_key = ?")
                .params(caller, key)
                .query((row, n) -> new Entry(
                        row.getBytes("request_hash"),
                        row.getBoolean("completed"),
                        row.getTimestamp("created_at").toInstant(),
                        new StoredResponse(
                                row.getInt("status_code"),
                                row.getString("content_type"),
                                row.getString("location"),
                                row.getString("etag"),
                                row.getBytes("body"))))
                .optional();
    }

    void complete(String caller, String key, StoredResponse response) {
        jdbc.sql(
                        "UPDATE command.idempotency_keys SET completed = true, status_code = ?, content_type = ?, location = ?, "
                                + "etag = ?, body = ? WHERE caller = ? AND idempotency_key = ?")
                .params(
                        response.status(),
                        response.contentType(),
                        response.location(),
                        response.etag(),
                        response.body(),
                        caller,
                        key)
                .update();
    }

    void release(String caller, String key) {
        jdbc.sql("DELETE FROM command.idempotency_keys WHERE caller = ? AND idempotency_key = ?")
                .params(caller, key)
                .update();
    }

    /** Forgets this key if it has expired, or if its claim was abandoned (never completed) for longer than {@code abandonedAfter}. */
    void expire(String caller, String key, Duration abandonedAfter) {
        Instant now = Instant.now();
        jdbc.sql("DELETE FROM command.idempotency_keys WHERE caller = ? AND idempotency_key = ? "
                        + "AND (created_at < ? OR (NOT completed AND created_at < ?))")
                .params(caller, key, Timestamp.from(now.minus(RETENTION)), Timestamp.from(now.minus(abandonedAfter)))
                .update();
    }

    /**
     * Deletes up to {@code batch} expired keys, oldest first, in one short statement (by the index on
     * {@code created_at}); rows another node is deleting meanwhile are skipped, not waited for.
     *
     * @return how many were deleted: fewer than {@code batch} when none are left
     */
    int purgeExpired(int batch) {
        return jdbc.sql("DELETE FROM command.idempotency_keys WHERE (caller, idempotency_key) IN ("
                        + "SELECT caller, idempotency_key FROM command.idempotency_keys WHERE created_at < ? "
                        + "ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)")
                .params(Timestamp.from(Instant.now().minus(RETENTION)), batch)
                .update();
    }
}
