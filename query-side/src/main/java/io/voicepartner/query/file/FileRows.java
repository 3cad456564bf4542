package io.voicepartner.query.file;

import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.PageRelations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.files} table. Every write is guarded by the row's revision, which makes it idempotent.
 * A read answers each file with the assistants using it ({@code query.assistant_files}).
 */
@Repository
class FileRows {

    private static final String SELECT =
            "SELECT f.id, f.owner_id, f.created_by, f.filename, f.original_name, f.file_type, "
                    + "f.file_size, f.sha256, f.description, f.status, f.error_message, f.text_length, "
                    + "f.text_preview, f.revision, f.created_at, f.updated_at FROM query.files f";
    /**
     * The live assistants that use a page of files, each file's oldest first. The owner condition keeps any
     * other user's assistant from ever being named, as for tools.
     */
    private static final String USED_BY = "SELECT uses.file_id, a.id, a.name FROM query.assistant_files uses "
            + "JOIN query.assistants a ON a.id = uses.assistant_id AND a.owner_id = ? AND a.deleted_at IS NULL "
            + "WHERE uses.file_id = ANY(?) ORDER BY uses.file_id, a.id";

    /** Filters of the list route; {@code null} means "any". */
    record Filter(FileStatus status, FileType fileType, String nameContains) {}

    record Page(List<FileView> items, boolean hasMore, long total) {}

    /** Where a file's bytes and text are, for the routes that serve them. */
    record Stored(
            FileType fileType,
            String originalName,
            long fileSize,
            String storageLocation,
            FileStatus status,
            String errorMessage,
            String textLocation) {}

    private final JdbcClient jdbc;
    private final RevisionedTable table;

    FileRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.table = new RevisionedTable(jdbc, "files");
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(FileUploaded e, String createdBy, long revision, Instant at) {
        return table.writes()
                .insert(ProjectedTable.row(
                        "id", e.fileId(),
                        "owner_id", e.ownerId(),
                        "created_by", createdBy == null ? e.ownerId() : createdBy,
                        "revision", revision,
                        "filename", e.filename(),
                        "original_name", e.originalName(),
                        "file_type", e.fileType().wireName(),
                        "file_size", e.fileSize(),
                        "storage_location", e.storageLocation(),
                        "sha256", e.sha256(),
                        "description", e.description(),
                        "status", FileStatus.UPLOADING.wireName(),
                        "created_at", at,
                        "updated_at", at));
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markProcessed(FileProcessed e, long revision, Instant at) {
        return moveTo(
                e.fileId(),
                revision,
                at,
                ProjectedTable.row(
                        "status", FileStatus.PROCESSED.wireName(),
                        "text_location", e.textLocation(),
                        "text_length", e.textLength(),
                        "text_sha256", e.textSha256(),
                        "text_preview", e.preview()));
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markFailed(String id, String errorMessage, long revision, Instant at) {
        return moveTo(
                id,
                revision,
                at,
                ProjectedTable.row("status", FileStatus.ERROR.wireName(), "error_message", errorMessage));
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean describe(String id, String description, long revision, Instant at) {
        return moveTo(id, revision, at, ProjectedTable.row("description", description));
    }

    /** Sets the columns and moves the row to {@code revision}, if it is below it. */
    private boolean moveTo(String id, long revision, Instant at, Map<String, Object> set) {
        set.putAll(ProjectedTable.row("revision", revision, "updated_at", at));
        return table.writes().update(ProjectedTable.row("id", id), revision, set);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markDeleted(String id, long revision, Instant at) {
        return table.markDeleted(id, revision, at);
    }

    /** The revision the read model holds for a file, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The revision the read model holds for one of the owner's files, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String ownerId, String id) {
        return table.revisionOf(ownerId, id);
    }

    /** The revision the tables of the current projection transaction hold for it; empty if they have none. */
    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    Optional<FileView> find(String ownerId, String id) {
        return jdbc.sql(SELECT + " WHERE f.id = ? AND f.owner_id = ? AND f.deleted_at IS NULL")
                .params(id, ownerId)
                .query(this::view)
                .optional()
                .map(found -> withUsers(ownerId, List.of(found)).get(0));
    }

    Optional<Stored> stored(String ownerId, String id) {
        return jdbc.sql("SELECT file_type, original_name, file_size, storage_location, status, error_message, "
                        + "text_location FROM query.files WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                .params(id, ownerId)
                .query((row, n) -> new Stored(
                        FileType.fromWireName(row.getString("file_type")),
                        row.getString("original_name"),
                        row.getLong("file_size"),
                        row.getString("storage_location"),
                        FileStatus.fromWireName(row.getString("status")),
                        row.getString("error_message"),
                        row.getString("text_location")))
                .optional();
    }

    /** Newest first; {@code after} is the id of the last row of the previous page. */
    Page list(String ownerId, Filter filter, String after, int limit) {
        StringBuilder where = new StringBuilder(" WHERE f.owner_id = :owner_id AND f.deleted_at IS NULL");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"owner_id", ownerId});
        if (filter.status() != null) {
            where.append(" AND f.status = :status");
            params.add(new Object[] {"status", filter.status().wireName()});
        }
        if (filter.fileType() != null) {
            where.append(" AND f.file_type = :file_type");
            params.add(new Object[] {"file_type", filter.fileType().wireName()});
        }
        if (filter.nameContains() != null) {
            where.append(" AND f.original_name ILIKE :name_pattern ESCAPE '\\'");
            params.add(new Object[] {"name_pattern", "%" + escapeLike(filter.nameContains()) + "%"});
        }
        JdbcClient.StatementSpec count = jdbc.sql("SELECT count(*) FROM query.files f" + where);
        String pageWhere = after == null ? where.toString() : where + " AND f.id < :after";
        JdbcClient.StatementSpec page = jdbc.sql(SELECT + pageWhere + " ORDER BY f.id DESC LIMIT :limit");
        for (Object[] param : params) {
            count = count.param((String) param[0], param[1]);
            page = page.param((String) param[0], param[1]);
        }
        if (after != null) {
            page = page.param("after", after);
        }
        List<FileView> rows = page.param("limit", limit + 1).query(this::view).list();
        long total = count.query(Long.class).single();
        boolean hasMore = rows.size() > limit;
        return new Page(withUsers(ownerId, hasMore ? rows.subList(0, limit) : rows), hasMore, total);
    }

    /** The files with the assistants that use them, read for all of them in one statement. */
    private List<FileView> withUsers(String ownerId, List<FileView> files) {
        Map<String, List<FileView.User>> users = PageRelations.read(
                jdbc,
                USED_BY,
                ownerId,
                files.stream().map(FileView::id).toList(),
                (row, n) -> new FileView.User(row.getString("id"), row.getString("name")));
        return files.stream()
                .map(file -> file.withUsedBy(users.getOrDefault(file.id(), List.of())))
                .toList();
    }

    private FileView view(ResultSet row, int rowNumber) throws SQLException {
        FileType type = FileType.fromWireName(row.getString("file_type"));
        return new FileView(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("created_by"),
                row.getString("filename"),
                row.getString("original_name"),
                type,
                type.mediaType(),
                row.getLong("file_size"),
                row.getString("sha256"),
                row.getString("description"),
                FileStatus.fromWireName(row.getString("status")),
                row.getString("error_message"),
                row.getObject("text_length", Long.class),
                row.getString("text_preview"),
                List.of(), // read apart, for a whole page at once: withUsers
                row.getLong("revision"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
