package io.voicepartner.launcher;

import io.voicepartner.command.eventstore.CommandSchema;
import io.voicepartner.support.storage.BackupLock;
import io.voicepartner.support.storage.FileStorage;
import io.voicepartner.support.storage.FileStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;

/**
 * One self-describing backup of the platform, running or stopped: {@code infra/scripts/backup [DIR]} (ADR 0035).
 *
 * <p>What must survive is the command side's schema: the events, snapshots, sign-up credentials, idempotency
 * records, the lookups, the operators' grants and the processors' positions, every table of it, copied in one
 * REPEATABLE READ snapshot so that the tables agree with each other; and the stored files those events name,
 * copied after the snapshot, so that every file it names is there. The exclusive {@link BackupLock} is held from
 * before the snapshot until the last file is copied: a file deleted meanwhile keeps its bytes until then. Read
 * models, analytics and Kafka's topics are derived from the events and are not backed up. The keys stay outside:
 * the tools' credentials are in the backup as the events hold them, encrypted, and the manifest names the ids of
 * the keys that open them, so that a restore can tell whether it has them.
 *
 * <p>Layout: {@code manifest.json} (written last), {@code database/<table>.tsv.gz} ({@code COPY}'s text format),
 * {@code files/<key>}. With the environment of {@code ./run}: {@code DATABASE_URL}, {@code FILE_STORAGE_*}.
 */
public final class Backup {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The credentials' ciphertexts: {@code v2:<key id>:…}, the key id being 6 bytes in unpadded base64url. */
    private static final String CIPHERTEXT_KEY_ID = "\"v2:([A-Za-z0-9_-]{8}):";

    /**
     * The keys the credentials in use are encrypted under: those of each tool's latest configuration (an update
     * carries the whole of it, re-encrypted under the current key) and of each published version's frozen one, which
     * the runtime opens. Older events keep the ciphertexts of keys since rotated away; nothing opens those again.
     */
    private static final String CURRENT_CIPHERTEXT_KEY_IDS = "SELECT m[1] FROM (SELECT DISTINCT ON "
            + "(aggregate_identifier) convert_from(payload, 'UTF8') AS configuration FROM command.domain_event_entry "
            + "WHERE payload_type LIKE 'io.voicepartner.api.tool.%' "
            + "AND (CAST(convert_from(payload, 'UTF8') AS JSONB) -> 'configuration') IS NOT NULL "
            + "ORDER BY aggregate_identifier, sequence_number DESC) tools, "
            + "LATERAL regexp_matches(tools.configuration, '" + CIPHERTEXT_KEY_ID + "', 'g') AS m "
            + "UNION SELECT m[1] FROM command.assistant_version_lookup, "
            + "LATERAL regexp_matches(CAST(configuration AS TEXT), '" + CIPHERTEXT_KEY_ID + "', 'g') AS m ORDER BY 1";

    /** Why no backup was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What the snapshot holds, read in its transaction. */
    private record Snapshot(
            Instant takenAt,
            Map<String, String> schemas,
            long events,
            long highestGlobalPosition,
            Map<String, List<String>> keyIds,
            List<BackupManifest.Table> tables,
            Set<String> fileLocations) {}

    private final Map<String, String> environment;
    private final PrintStream out;

    Backup(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            if (args.length > 1) {
                throw new Refused("name at most one directory: infra/scripts/backup [DIR]");
            }
            Path directory = args.length == 1
                    ? Path.of(args[0])
                    : Path.of("backups", "voicepartner-" + STAMP.format(Instant.now()));
            new Backup(System.getenv(), System.out).run(directory);
        } catch (Refused refused) {
            System.err.println("Backup refused: " + refused.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Backup failed: " + e.getMessage());
            System.exit(1);
        }
    }

    BackupManifest run(Path directory) {
        Instant started = Instant.now();
        try {
            refuseUnlessEmpty(directory);
            FileStores.Settings settings = FileStores.Settings.fromEnvironment(environment);
            FileStorage store = FileStores.open(settings);
            Snapshot snapshot;
            List<BackupManifest.StoredFile> files;
            try (Connection database = PlatformDatabase.connect(environment, out)) {
                requireEventStore(database);
                Files.createDirectories(directory.resolve("database"));
                Files.createDirectories(directory.resolve("files"));
                out.println("Backup to " + directory.toAbsolutePath());
                try (Statement lock = database.createStatement()) {
                    lock.execute(BackupLock.HOLD);
                }
                try {
                    snapshot = snapshot(database, directory);
                    Instant filesStarted = Instant.now();
                    files = copyFiles(store, snapshot.fileLocations(), directory);
                    out.printf(
                            "  %,d stored files copied (%s)%n",
                            files.size(), took(Duration.between(filesStarted, Instant.now())));
                } finally {
                    try (Statement release = database.createStatement()) {
                        release.execute(BackupLock.RELEASE);
                    }
                }
            }
            BackupManifest manifest = new BackupManifest(
                    BackupManifest.FORMAT,
                    snapshot.takenAt(),
                    platformVersion(),
                    snapshot.schemas(),
                    snapshot.events(),
                    snapshot.highestGlobalPosition(),
                    snapshot.keyIds(),
                    storePrefix(settings),
                    snapshot.tables(),
                    files);
            manifest.write(directory);
            out.printf(
                    "Backup done in %s: %s, %,d events (highest global position %,d), %,d files, %,d bytes%n",
                    took(Duration.between(started, Instant.now())),
                    directory,
                    manifest.events(),
                    manifest.highestGlobalPosition(),
                    files.size(),
                    size(directory));
            out.println("  keep beside it, apart: SECRETS_KEY (the credentials are encrypted under key id(s) "
                    + manifest.keyIds().get(BackupManifest.SECRETS) + "), API_KEY_HASH_KEY (key id(s) "
                    + manifest.keyIds().get(BackupManifest.API_KEY_HASH) + "), SECRET_KEY and PERSONAL_DATA_KEY "
                    + "(persons' keys are wrapped under it)");
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuseUnlessEmpty(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new Refused(directory + " is not empty: name a new directory for the backup");
                }
            }
        }
    }

    private static void requireEventStore(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet exists =
                        statement.executeQuery("SELECT to_regclass('command.domain_event_entry') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                throw new Refused("the platform has never started on this database: there is no event store");
            }
        }
    }

    /** Every part of the database, read in one REPEATABLE READ transaction: one snapshot of the command side. */
    private Snapshot snapshot(Connection database, Path directory) throws SQLException, IOException {
        database.setAutoCommit(false);
        database.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Instant takenAt;
            long events;
            long highest;
            // the first statement fixes the snapshot; its time is the backup's: what was acknowledged before is in it
            try (Statement statement = database.createStatement();
                    ResultSet store = statement.executeQuery("SELECT now(), count(*), coalesce(max(global_index), -1) "
                            + "FROM command.domain_event_entry")) {
                store.next();
                takenAt = store.getTimestamp(1).toInstant();
                events = store.getLong(2);
                highest = store.getLong(3);
            }
            out.printf("  snapshot at %s: %,d events, highest global position %,d%n", takenAt, events, highest);
            Map<String, String> schemas = schemaVersions(database);
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (String table : tables(database)) {
                tables.add(copyTable(database, table, directory));
            }
            Map<String, List<String>> keyIds = new LinkedHashMap<>();
            keyIds.put(BackupManifest.SECRETS, strings(database, CURRENT_CIPHERTEXT_KEY_IDS));
            keyIds.put(
                    BackupManifest.API_KEY_HASH,
                    strings(
                            database,
                            "SELECT DISTINCT split_part(secret_hash, ':', 1) FROM command.api_key_lookup ORDER BY 1"));
            Set<String> locations = new LinkedHashSet<>(strings(
                    database,
                    "SELECT location FROM command.file_lookup, LATERAL (VALUES (storage_location), (text_location)) "
                            + "AS l (location) WHERE NOT deleted AND location IS NOT NULL ORDER BY 1"));
            database.commit();
            return new Snapshot(takenAt, schemas, events, highest, keyIds, tables, locations);
        } catch (SQLException | IOException | RuntimeException e) {
            database.rollback();
            throw e;
        } finally {
            database.setAutoCommit(true);
        }
    }

    private static Map<String, String> schemaVersions(Connection database) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String schema : List.of(CommandSchema.NAME, "query", "analytics")) {
            List<String> version = strings(
                    database,
                    "SELECT version FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL "
                            + "ORDER BY installed_rank DESC LIMIT 1",
                    schema);
            version.stream().findFirst().ifPresent(found -> versions.put(schema, found));
        }
        if (!versions.containsKey(CommandSchema.NAME)) {
            throw new Refused("the command schema has no Flyway history: it was not made by the platform");
        }
        return versions;
    }

    /** The command schema's tables but Flyway's history, which a restore writes by migrating. */
    static List<String> tables(Connection database) throws SQLException {
        return strings(
                database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + CommandSchema.NAME
                        + "' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY 1");
    }

    private BackupManifest.Table copyTable(Connection database, String table, Path directory)
            throws SQLException, IOException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement select = database.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            select.setString(1, CommandSchema.NAME);
            select.setString(2, table);
            try (ResultSet names = select.executeQuery()) {
                while (names.next()) {
                    columns.add(names.getString(1));
                }
            }
        }
        String path = "database/" + table + ".tsv.gz";
        MessageDigest digest = BackupManifest.sha256();
        long rows;
        try (OutputStream file = Files.newOutputStream(directory.resolve(path));
                DigestOutputStream digested = new DigestOutputStream(file, digest);
                GZIPOutputStream gzip = new GZIPOutputStream(digested, 1 << 16)) {
            rows = database.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("COPY " + qualified(table) + " (" + quoted(columns) + ") TO STDOUT", gzip);
        }
        out.printf("  %s: %,d rows%n", CommandSchema.NAME + "." + table, rows);
        return new BackupManifest.Table(
                table,
                columns,
                rows,
                new BackupManifest.Part(
                        path,
                        Files.size(directory.resolve(path)),
                        HexFormat.of().formatHex(digest.digest())));
    }

    /**
     * The files the snapshot names, from the store as it is now: each was stored before the event that names it
     * was appended, and none can be removed while the backup holds its lock.
     */
    private static List<BackupManifest.StoredFile> copyFiles(FileStorage store, Set<String> locations, Path directory)
            throws IOException {
        List<BackupManifest.StoredFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String location : locations) {
            String path = "files/" + keyOf(location);
            MessageDigest digest = BackupManifest.sha256();
            try (InputStream stored = store.open(location);
                    OutputStream file = Files.newOutputStream(directory.resolve(path));
                    DigestOutputStream digested = new DigestOutputStream(file, digest)) {
                stored.transferTo(digested);
            } catch (NoSuchFileException e) {
                missing.add(location);
                continue;
            }
            files.add(new BackupManifest.StoredFile(
                    location,
                    new BackupManifest.Part(
                            path,
                            Files.size(directory.resolve(path)),
                            HexFormat.of().formatHex(digest.digest()))));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the event store names " + missing.size() + " stored file(s) that the"
                    + " file store does not have (is FILE_STORAGE_DIR or the bucket the platform's?): "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        return files;
    }

    /** A location's storage key: its last segment ({@code file:///…/<key>}, {@code s3://bucket/<key>}). */
    static String keyOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static String storePrefix(FileStores.Settings settings) throws IOException {
        String probe = FileStores.locationOf(settings, "probe");
        return probe.substring(0, probe.length() - "probe".length());
    }

    static String qualified(String table) {
        return "\"" + CommandSchema.NAME + "\".\"" + table.replace("\"", "\"\"") + "\"";
    }

    static String quoted(List<String> columns) {
        return String.join(
                ", ",
                columns.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
    }

    private static List<String> strings(Connection database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = database.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** As {@link #strings(Connection, String)}, or none when {@code schema} has no Flyway history (never migrated). */
    private static List<String> strings(Connection database, String sql, String schema) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet exists = statement.executeQuery(
                        "SELECT to_regclass('" + schema + ".flyway_schema_history') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return List.of();
            }
        }
        return strings(database, sql);
    }

    private static String platformVersion() {
        String version = Backup.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    static String took(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
