package io.voicepartner.command.lookup;

import io.voicepartner.command.common.Refusal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The file lookup tables of {@code V5__file_lookups.sql}. Checked rows are read {@code FOR SHARE}, so a
 * concurrent delete of a file waits for the command that relies on it, and vice versa.
 */
@Repository
public class FileLookups implements FileOwnership {

    /** Where a file's bytes, and its text once extracted, are stored. */
    public record Stored(String storageLocation, String textLocation, boolean deleted) {}

    private final JdbcClient jdbc;

    FileLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void requireOwned(String ownerId, Collection<String> fileIds) {
        Set<String> wanted = new LinkedHashSet<>(fileIds);
        if (wanted.isEmpty()) {
            return;
        }
        List<String> owned = jdbc.sql("SELECT file_id FROM command.file_lookup WHERE file_id IN (:ids) "
                        + "AND owner_id = :owner AND NOT deleted FOR SHARE")
                .param("ids", wanted)
                .param("owner", ownerId)
                .query(String.class)
                .list();
        wanted.stream().filter(id -> !owned.contains(id)).findFirst().ifPresent(id -> {
            throw Refusal.notFound("File", id);
        });
    }

    public List<LookupTables.Assignment> assistantsUsing(String fileId) {
        return jdbc.sql("SELECT l.assistant_id, a.owner_id FROM command.assistant_file_lookup l "
                        + "JOIN command.assistant_lookup a ON a.assistant_id = l.assistant_id WHERE l.file_id = ?")
                .param(fileId)
                .query(LookupTables.Assignment.class)
                .list();
    }

    public Optional<Stored> stored(String fileId) {
        return jdbc.sql("SELECT storage_location, text_location, deleted FROM command.file_lookup WHERE file_id = ?")
                .param(fileId)
                .query(Stored.class)
                .optional();
    }

    void fileUploaded(String fileId, String ownerId, String storageLocation) {
        jdbc.sql("INSERT INTO command.file_lookup (file_id, owner_id, storage_location) VALUES (?, ?, ?)")
                .params(fileId, ownerId, storageLocation)
                .update();
    }

    void fileProcessed(String fileId, String textLocation) {
        jdbc.sql("UPDATE command.file_lookup SET text_location = ? WHERE file_id = ?")
                .params(textLocation, fileId)
                .update();
    }

    void fileDeleted(String fileId) {
        jdbc.sql("UPDATE command.file_lookup SET deleted = true WHERE file_id = ?")
                .param(fileId)
                .update();
    }

    void filesAssigned(String assistantId, Collection<String> fileIds) {
        for (String fileId : fileIds) {
            jdbc.sql("INSERT INTO command.assistant_file_lookup (assistant_id, file_id) VALUES (?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .params(assistantId, fileId)
                    .update();
        }
    }

    /** The restored assistant has exactly these files (the ones it had that still exist). */
    void assistantRestored(String assistantId, Collection<String> fileIds) {
        jdbc.sql("DELETE FROM command.assistant_file_lookup WHERE assistant_id = ?")
                .param(assistantId)
                .update();
        filesAssigned(assistantId, fileIds);
    }

    void fileUnassigned(String assistantId, String fileId) {
        jdbc.sql("DELETE FROM command.assistant_file_lookup WHERE assistant_id = ? AND file_id = ?")
                .params(assistantId, fileId)
                .update();
    }
}
