package io.voicepartner.query.consuming;

import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every read-model table does the same way: rows carry the revision of the last event applied to
 * them, a write applies only to a row below the event's revision (so a redelivery changes nothing), and a
 * deleted aggregate stays as a tombstone so that an older event cannot bring it back.
 *
 * <p>Writes name the table without its schema: they run in a projection's transaction, which chose the
 * tables it writes to ({@link ProjectionSchema}), the served ones or a rebuild's. Reads name {@code query}.
 */
public final class RevisionedTable {

    private final JdbcClient jdbc;
    private final String table;
    private final ProjectedTable writes;

    /** @param table the table without its schema, e.g. {@code tools} */
    public RevisionedTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.writes = new ProjectedTable(jdbc, table, "id");
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    public boolean markDeleted(String id, long revision, Instant at) {
        return writes.update(
                ProjectedTable.row("id", id),
                revision,
                ProjectedTable.row("deleted_at", at, "updated_at", at, "revision", revision));
    }

    /** Brings a tombstone back to life, for a restore that has just written the row at its new revision. */
    public void revive(String id) {
        writes.update(ProjectedTable.row("id", id), null, ProjectedTable.row("deleted_at", null));
    }

    /**
     * Moves a row to {@code revision} for an event that changes only what hangs off it (its relations).
     *
     * @return false if the row is already at or past {@code revision} (a redelivery), or missing
     */
    public boolean advance(String id, long revision, Instant at) {
        return writes.update(
                ProjectedTable.row("id", id), revision, ProjectedTable.row("revision", revision, "updated_at", at));
    }

    /** The revision the served table holds for an aggregate, deleted ones included; empty if it has none. */
    public OptionalLong revisionOf(String id) {
        return revision(ProjectionSchema.SERVED + "." + table, id);
    }

    /**
     * The revision the served table holds for one of the owner's aggregates, deleted ones included; empty if it has
     * none, or if the aggregate is another owner's: what a read-your-writes wait may look at (issue 17).
     */
    public OptionalLong revisionOf(String ownerId, String id) {
        return jdbc.sql("SELECT revision FROM " + ProjectionSchema.SERVED + "." + table
                        + " WHERE id = ? AND owner_id = ?")
                .params(id, ownerId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * The revision the table of the current projection transaction holds for an aggregate, deleted ones
     * included; empty if it has none.
     */
    public OptionalLong projectedRevisionOf(String id) {
        return writes.revision(ProjectedTable.row("id", id));
    }

    /** The table's writes, for the rows class's own (a read model all of whose writes go through it can be folded). */
    public ProjectedTable writes() {
        return writes;
    }

    private OptionalLong revision(String qualifiedTable, String id) {
        return jdbc.sql("SELECT revision FROM " + qualifiedTable + " WHERE id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }
}
