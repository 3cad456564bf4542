package io.voicepartner.support.personal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key store of personal data (ADR 0034): one random AES-256 key per person, in {@code
 * command.personal_data_keys}, the only copy of it. The command side creates a person's key when it first seals
 * something of theirs; every side opens sealed values with it, reading this one table rather than a copy of its own,
 * so that deleting a person's row (their erasure, issue 21) makes every sealed copy unreadable at once. Each key is
 * stored wrapped under the platform's key ({@link KeyWrapping}), or under the key before it while a rotation goes on;
 * one stored before keys were wrapped is read as it is.
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

    /** What one {@link #rewrapStored} batch did: the last subject it read, and how many rows it rewrapped. */
    public record Rewrapped(String lastSubject, int read, int rewrapped) {}

    /**
     * Rewraps under the current platform key up to {@code limit} keys, in the order of their subjects after {@code
     * afterSubject}, that are stored unwrapped (before keys were wrapped, ADR 0036) or wrapped under a previous
     * platform key (a rotation, ADR 0043). Each row is updated only if it is still as it was read, so that sides
     * reading meanwhile read either form, a key erased meanwhile stays erased (a tombstone has no key to rewrap), and nodes doing it at once do it once.
     * Keys under a platform key configured nowhere are left as they are ({@link #underUnknownKeys}).
     *
     * @param afterSubject {@code ""} for the first batch, then the last one's {@link Rewrapped#lastSubject}
     */
    public Rewrapped rewrapStored(String afterSubject, int limit) {
        List<String> previous = wrapping.previousIds();
        List<StoredKey> batch = jdbc.sql("SELECT subject_id, key, wrapped_by FROM command.personal_data_keys "
                        + "WHERE subject_id > :after AND key IS NOT NULL AND (wrapped_by IS NULL OR wrapped_by IN (:previous)) "
                        + "ORDER BY subject_id LIMIT :limit")
                .param("after", afterSubject)
                // IN () is not SQL: with no previous key, an id no key has
                .param("previous", previous.isEmpty() ? List.of("") : previous)
                .param("limit", limit)
                .query((row, n) -> new StoredKey(row.getString(1), row.getBytes(2), row.getString(3)))
                .list();
        int rewrapped = 0;
        for (StoredKey stored : batch) {
            byte[] key = wrapping.unwrap(stored.subjectId(), stored.wrappedBy(), stored.key());
            rewrapped += jdbc.sql("UPDATE command.personal_data_keys SET key = ?, wrapped_by = ? "
                            + "WHERE subject_id = ? AND key IS NOT NULL AND wrapped_by IS NOT DISTINCT FROM ?")
                    .params(
                            wrapping.wrap(stored.subjectId(), key),
                            wrapping.id(),
                            stored.subjectId(),
                            stored.wrappedBy())
                    .update();
        }
        return new Rewrapped(
                batch.isEmpty() ? afterSubject : batch.get(batch.size() - 1).subjectId(), batch.size(), rewrapped);
    }

    /**
     * How many keys are wrapped under a platform key that is neither {@code PERSONAL_DATA_KEY} nor one of {@code
     * PERSONAL_DATA_KEY_PREVIOUS}, by that key's id: no side can open them until it is configured again.
     */
    public Map<String, Long> underUnknownKeys() {
        List<String> known = new ArrayList<>(wrapping.previousIds());
        known.add(wrapping.id());
        Map<String, Long> unknown = new TreeMap<>();
        jdbc.sql("SELECT wrapped_by, count(*) FROM command.personal_data_keys "
                        + "WHERE wrapped_by IS NOT NULL AND wrapped_by NOT IN (:known) GROUP BY wrapped_by")
                .param("known", known)
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2)))
                .list()
                .forEach(entry -> unknown.put(entry.getKey(), entry.getValue()));
        return unknown;
    }

    private record StoredKey(String subjectId, byte[] key, String wrappedBy) {}
}
