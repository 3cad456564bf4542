package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.command.eventstore.StoredPersonalValues;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The operator's rewrite of the events stored before personal data was sealed (ADR 0042):
 * {@code infra/scripts/seal-stored-values}. Each payload of {@code command.domain_event_entry} that still holds a
 * personal value in clear is rewritten in place with the form every read of the store already gives it (the same
 * function as the upcaster, {@link StoredPersonalValues}, so a value seals to the same string), and the snapshots of
 * its aggregate are deleted (they are disposable, ADR 0018; one taken before sealing holds the clear value). Only the
 * payload changes: the global index, the aggregate's sequence and the event's id stay, so no processor's token moves
 * and nothing is published again.
 *
 * <p>It goes through the store in batches of {@value #BATCH} such events in global-index order, one transaction each,
 * so that it can run while the platform serves, and prints the global index each batch reached: a stopped run is
 * started again from there ({@code seal-stored-values <from>}), or from the beginning, passing over what is sealed
 * already; a second run changes nothing. Keys are made as the upcaster makes them (the same row, the
 * same wrapping under {@code PERSONAL_DATA_KEY}), so it needs the environment of the platform: {@code DATABASE_URL},
 * {@code PERSONAL_DATA_KEY} and {@code VOICEPARTNER_PRODUCTION}.
 */
public final class SealStoredValues {

    static final int BATCH = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much a run did. */
    record Result(long read, long rewritten, long snapshotsDeleted) {}

    private final Map<String, String> environment;
    private final PrintStream out;

    SealStoredValues(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        long from = 0;
        try {
            if (args.length > 1) {
                throw new NumberFormatException();
            }
            from = args.length == 1 ? Long.parseLong(args[0]) : 0;
        } catch (NumberFormatException e) {
            System.err.println("usage: infra/scripts/seal-stored-values [from global index] (with the environment of "
                    + "the platform)");
            System.exit(2);
        }
        try {
            new SealStoredValues(System.getenv(), System.out).run(from);
        } catch (RuntimeException e) {
            System.err.println("Sealing the stored values failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** @param from the global index to start at: 0, or where a stopped run got to */
    Result run(long from) {
        try (Connection database = PlatformDatabase.connect(environment, out)) {
            database.setAutoCommit(false);
            StoredPersonalValues values = values(database);
            long after = from - 1;
            long read = 0;
            long rewritten = 0;
            long snapshotsDeleted = 0;
            while (true) {
                List<Row> rows = next(database, after);
                if (rows.isEmpty()) {
                    break;
                }
                StoredPersonalValues.Batch batch = values.batch();
                Set<String> aggregates = new LinkedHashSet<>();
                for (Row row : rows) {
                    JsonNode payload = JSON.readTree(row.payload());
                    if (payload instanceof ObjectNode object && batch.seal(row.payloadType(), object)) {
                        rewrite(database, row.globalIndex(), JSON.writeValueAsBytes(object));
                        aggregates.add(row.aggregateId());
                        rewritten++;
                    }
                }
                snapshotsDeleted += deleteSnapshots(database, aggregates);
                database.commit();
                read += rows.size();
                after = rows.get(rows.size() - 1).globalIndex();
                out.printf(
                        "  up to global index %d: %,d events read, %,d rewritten (to go on from here: %d)%n",
                        after, read, rewritten, after + 1);
            }
            out.printf(
                    "Sealing done: %,d events with personal values read, %,d rewritten, %,d snapshots deleted%n",
                    read, rewritten, snapshotsDeleted);
            return new Result(read, rewritten, snapshotsDeleted);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a stored payload is not JSON: " + e.getMessage(), e);
        }
    }

    /** The key store and the invitations' addresses on this command's connection, in its transactions. */
    private StoredPersonalValues values(Connection database) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(database, true));
        PersonalDataKeys keys = new PersonalDataKeys(
                jdbc,
                KeyWrapping.configured(
                        environment.getOrDefault("PERSONAL_DATA_KEY", ""),
                        environment.getOrDefault("PERSONAL_DATA_KEY_PREVIOUS", ""),
                        Boolean.parseBoolean(environment.getOrDefault("VOICEPARTNER_PRODUCTION", "false"))));
        return new StoredPersonalValues(new PersonalData(keys), new InvitationAddresses(jdbc, keys));
    }

    private record Row(long globalIndex, String aggregateId, String payloadType, byte[] payload) {}

    private static List<Row> next(Connection database, long after) throws SQLException {
        List<String> types = List.copyOf(StoredPersonalValues.payloadTypes());
        try (PreparedStatement select = database.prepareStatement("SELECT global_index, aggregate_identifier, "
                + "payload_type, payload FROM command.domain_event_entry WHERE global_index > ? "
                + "AND payload_type = ANY (?) ORDER BY global_index LIMIT " + BATCH)) {
            select.setLong(1, after);
            select.setArray(2, database.createArrayOf("varchar", types.toArray()));
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getString(2), row.getString(3), row.getBytes(4)));
                }
            }
            return rows;
        }
    }

    private static void rewrite(Connection database, long globalIndex, byte[] payload) throws SQLException {
        try (PreparedStatement update =
                database.prepareStatement("UPDATE command.domain_event_entry SET payload = ? WHERE global_index = ?")) {
            update.setBytes(1, payload);
            update.setLong(2, globalIndex);
            update.executeUpdate();
        }
    }

    private static int deleteSnapshots(Connection database, Set<String> aggregates) throws SQLException {
        if (aggregates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = database.prepareStatement(
                "DELETE FROM command.snapshot_event_entry WHERE aggregate_identifier = ANY (?)")) {
            Array ids = database.createArrayOf("varchar", aggregates.toArray());
            delete.setArray(1, ids);
            return delete.executeUpdate();
        }
    }
}
