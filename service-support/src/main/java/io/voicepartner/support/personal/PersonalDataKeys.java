package io.voicepartner.support.personal;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key store of personal data (ADR 0034): one random AES-256 key per person, in {@code
 * command.personal_data_keys}, the only copy of it. The command side creates a person's key when it first seals
 * something of theirs; every side opens sealed values with it, reading this one table rather than a copy of its own,
 * so that deleting a person's row (their erasure, issue 21) makes every sealed copy unreadable at once. Each key is
 * stored wrapped under the platform's key ({@link KeyWrapping}); one stored before keys were wrapped is read as it is.
 *
 * <p>An erased subject keeps its row with the key emptied, a tombstone (command {@code V24}, ADR 0042): values stored
 * before sealing are sealed on read with a key made if missing ({@link #keyUnlessErased}), and the row's primary key is
 * what keeps an erased subject's key from ever being made again.
 */
public final class PersonalDataKeys {

    private static final int KEY_BYTES = 32;

    private final JdbcClient jdbc;
    private final KeyWrapping wrapping;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataKeys(JdbcClient jdbc, KeyWrapping wrapping) {
        this.jdbc = jdbc;
        this.wrapping = wrapping;
    }

    /**
     * The person's key, made now if they have none; two concurrent callers get the same one. Nothing new is sealed
     * for an erased person (their credentials are gone), so finding one is a fault, not an answer.
     */
    byte[] keyOf(String subjectId) {
        return keyUnlessErased(subjectId)
                .orElseThrow(() -> new IllegalStateException(
                        "Nothing can be sealed for " + subjectId + ": the subject was erased"));
    }

    /** The subject's key, made now if they never had one; empty if they were erased (their key is a tombstone). */
    Optional<byte[]> keyUnlessErased(String subjectId) {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        jdbc.sql("INSERT INTO command.personal_data_keys (subject_id, key, wrapped_by) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(subjectId, wrapping.wrap(subjectId, fresh), wrapping.id())
                .update();
        return find(subjectId);
    }

    Optional<byte[]> find(String subjectId) {
        return jdbc.sql("SELECT key, wrapped_by FROM command.personal_data_keys WHERE subject_id = ? "
                        + "AND key IS NOT NULL")
                .param(subjectId)
                .query((row, n) -> wrapping.unwrap(subjectId, row.getString(2), row.getBytes(1)))
                .optional();
    }

    /** The keys of those of {@code subjectIds} who have one: one read for a page of values. */
    Map<String, byte[]> findAll(Collection<String> subjectIds) {
        Map<String, byte[]> keys = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return keys;
        }
        jdbc.sql("SELECT subject_id, key, wrapped_by FROM command.personal_data_keys WHERE subject_id IN (:subjects) "
                        + "AND key IS NOT NULL")
                .param("subjects", subjectIds)
                .query((row, n) -> Map.entry(
                        row.getString(1), wrapping.unwrap(row.getString(1), row.getString(3), row.getBytes(2))))
                .list()
                .forEach(entry -> keys.put(entry.getKey(), entry.getValue()));
        return keys;
    }

    /**
     * Deletes the person's key, the only copy: every value sealed with it, wherever it is, opens to nothing from now
     * on (the person's erasure, ADR 0034). The row stays with no key, so that no key is ever made for them again.
     */
    public void delete(String subjectId) {
        jdbc.sql("INSERT INTO command.personal_data_keys (subject_id, key, wrapped_by) VALUES (?, NULL, NULL) "
                        + "ON CONFLICT (subject_id) DO UPDATE SET key = NULL, wrapped_by = NULL")
                .param(subjectId)
                .update();
    }

    /**
     * Wraps the keys stored before keys were wrapped, each in an update of its own row that only a row still unwrapped
     * takes: sides reading meanwhile read either form, and nodes doing it at once do it once.
     *
     * @return how many this call wrapped
     */
    public int wrapStoredUnwrapped() {
        int wrapped = 0;
        for (Map.Entry<String, byte[]> row : jdbc.sql(
                        "SELECT subject_id, key FROM command.personal_data_keys WHERE wrapped_by IS NULL "
                                + "AND key IS NOT NULL")
                .query((row, n) -> Map.entry(row.getString(1), row.getBytes(2)))
                .list()) {
            wrapped += jdbc.sql("UPDATE command.personal_data_keys SET key = ?, wrapped_by = ? "
                            + "WHERE subject_id = ? AND wrapped_by IS NULL AND key IS NOT NULL")
                    .params(wrapping.wrap(row.getKey(), row.getValue()), wrapping.id(), row.getKey())
                    .update();
        }
        return wrapped;
    }
}
