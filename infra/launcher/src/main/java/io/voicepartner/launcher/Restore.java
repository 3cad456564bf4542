package io.voicepartner.launcher;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.command.eventstore.CommandSchema;
import io.voicepartner.support.security.KeyIds;
import io.voicepartner.support.storage.FileStorage;
import io.voicepartner.support.storage.FileStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.PGConnection;

/**
 * Brings the platform back from a backup of {@link Backup}: {@code infra/scripts/restore BACKUP [--force]
 * [--no-wait]} (ADR 0035), onto an empty database, an empty broker and an empty file store.
 *
 * <p>First, with the platform stopped: it checks the whole backup (the manifest, every part's size and
 * SHA-256, the keys its credentials need against the ones configured, the file store's locations) before it
 * changes anything; creates the command schema at the backup's version, loads every table in one transaction
 * and checks their rows, the event count and the highest global position against the manifest; and writes the
 * stored files back. The publisher's position and its parked events are left behind: everything is published
 * again. Then, once the platform is started: it follows the publisher until every event is on Kafka again, and
 * the read models' and analytics' consumers, which start with empty tables and no offsets, until they have
 * projected all of it. Each step is reported with its time.
 *
 * <p>Refused, naming why, for a damaged or incomplete backup, for keys that cannot open its credentials, while
 * anything is connected to the database, and over a database that holds events or a broker that holds the
 * platform's records unless {@code --force} (which drops the command, query and analytics schemas and the
 * platform's topics and consumer groups first). With the environment of {@code ./run}: {@code DATABASE_URL},
 * {@code FILE_STORAGE_*}, {@code SECRETS_KEY}(_PREVIOUS), {@code API_KEY_HASH_KEY}(_PREVIOUS),
 * {@code KAFKA_BOOTSTRAP_SERVERS} (unset: the broker of {@code ./run}, empty at each start, on
 * {@code LOCAL_KAFKA_PORT}), {@code QUERY_CONSUMER_GROUP}, {@code ANALYTICS_CONSUMER_GROUP}.
 */
public final class Restore {

    private static final List<String> DERIVED_SCHEMAS = List.of("query", "query_rebuild", "analytics");
    private static final Duration FOLLOW_EVERY = Duration.ofMillis(500);
    /** How often the progress is printed while it moves. */
    private static final Duration PRINT_EVERY = Duration.ofSeconds(5);
    /** How long a step may see no progress before this command stops following it (the platform goes on). */
    private static final Duration STALLED_AFTER = Duration.ofMinutes(2);

    /** Why nothing was restored. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** One step of the restore, what it did and how long it took. */
    record Step(String name, Duration took, String result) {}

    private final Map<String, String> environment;
    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();

    Restore(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean force = arguments.remove("--force");
        boolean noWait = arguments.remove("--no-wait");
        Restore restore = new Restore(System.getenv(), System.out);
        try {
            if (arguments.size() != 1 || arguments.get(0).startsWith("--")) {
                throw new Refused("name one backup directory: infra/scripts/restore BACKUP [--force] [--no-wait]");
            }
            BackupManifest manifest = restore.restore(Path.of(arguments.get(0)), force);
            if (noWait) {
                System.out.println("Start the platform: it publishes every event again and projects them");
            } else {
                restore.follow(manifest, Duration.ofMinutes(15));
            }
            restore.report();
        } catch (Refused | Reset.Refused refused) {
            System.err.println("Restore refused: " + refused.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            restore.report();
            System.err.println("Restore failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The part with the platform stopped: the backup checked, the command side and the files written back. */
    BackupManifest restore(Path backup, boolean force) {
        try {
            FileStores.Settings settings = FileStores.Settings.fromEnvironment(environment);
            FileStorage store = FileStores.open(settings);
            Instant started = Instant.now();
            BackupManifest manifest = check(backup, settings);
            record(
                    "check the backup",
                    started,
                    String.format(
                            Locale.ROOT,
                            "%d tables and %d files whole, taken at %s",
                            manifest.tables().size(),
                            manifest.files().size(),
                            manifest.createdAt()));
            try (Connection database = PlatformDatabase.connect(environment, out)) {
                Reset.refuseWhileConnected(database);
                started = Instant.now();
                // the broker first: without --force, neither changes anything unless both may be restored onto
                String broker = emptyBroker(force);
                String emptied = emptyDatabase(database, force);
                record("make room", started, emptied + "; " + broker);
                started = Instant.now();
                restoreEventStore(database, manifest, backup);
                record(
                        "restore the event store",
                        started,
                        String.format(
                                Locale.ROOT,
                                "%,d events (highest global position %,d), %d tables, command schema version %s",
                                manifest.events(),
                                manifest.highestGlobalPosition(),
                                manifest.tables().size(),
                                manifest.schemas().get(CommandSchema.NAME)));
            }
            started = Instant.now();
            long bytes = 0;
            for (BackupManifest.StoredFile file : manifest.files()) {
                try (InputStream content =
                        Files.newInputStream(backup.resolve(file.part().path()))) {
                    store.store(Backup.keyOf(file.location()), content);
                }
                bytes += file.part().bytes();
            }
            record(
                    "restore the files",
                    started,
                    String.format(
                            Locale.ROOT,
                            "%,d files, %,d bytes",
                            manifest.files().size(),
                            bytes));
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every part there and whole, the keys at hand and the files' locations reachable; nothing changed yet. */
    private BackupManifest check(Path backup, FileStores.Settings settings) throws IOException {
        BackupManifest manifest;
        try {
            manifest = BackupManifest.read(backup);
        } catch (NoSuchFileException e) {
            throw new Refused(backup + " has no " + BackupManifest.FILE_NAME
                    + ": it is not a backup, or one that did not finish");
        } catch (IOException e) {
            throw new Refused(
                    backup.resolve(BackupManifest.FILE_NAME) + " cannot be read (damaged): " + e.getMessage());
        }
        if (manifest.format() != BackupManifest.FORMAT) {
            throw new Refused("the backup's format is " + manifest.format() + "; this platform reads format "
                    + BackupManifest.FORMAT);
        }
        if (manifest.tables() == null
                || manifest.files() == null
                || manifest.schemas() == null
                || !manifest.schemas().containsKey(CommandSchema.NAME)) {
            throw new Refused("the manifest is incomplete: it names no tables, files or command schema version");
        }
        List<String> problems = new ArrayList<>();
        for (BackupManifest.Table table : manifest.tables()) {
            problems.add(table.part().problemIn(backup));
        }
        if (manifest.tables().stream().noneMatch(table -> "domain_event_entry".equals(table.name()))) {
            problems.add("the event store's table (domain_event_entry) is not in the manifest");
        }
        for (BackupManifest.StoredFile file : manifest.files()) {
            problems.add(file.part().problemIn(backup));
            String here;
            try {
                here = FileStores.locationOf(settings, Backup.keyOf(file.location()));
            } catch (IllegalArgumentException e) {
                problems.add(file.location() + ": not a location of a file store");
                continue;
            }
            if (!here.equals(file.location())) {
                problems.add(file.location() + ": the events name it there, and this platform's file store keeps it"
                        + " at " + here + " (set FILE_STORAGE_DIR or FILE_STORAGE_S3_BUCKET as when the backup was"
                        + " taken: " + manifest.fileStore() + ")");
            }
        }
        problems.addAll(missingKeys(manifest));
        problems.removeIf(Objects::isNull);
        if (!problems.isEmpty()) {
            throw new Refused("the backup " + backup + " cannot be restored as it is:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "\n  … and " + (problems.size() - 20) + " more" : ""));
        }
        out.println("Backup " + backup + ": taken at " + manifest.createdAt() + " by platform "
                + manifest.platformVersion() + ", every part whole");
        return manifest;
    }

    /** The keys the backup's secrets need that are not configured: it holds them encrypted, never the keys. */
    private List<String> missingKeys(BackupManifest manifest) {
        Map<String, List<String>> needed = manifest.keyIds() == null ? Map.of() : manifest.keyIds();
        List<String> problems = new ArrayList<>();
        Set<String> secrets = keyIds("SECRETS_KEY", true);
        needed.getOrDefault(BackupManifest.SECRETS, List.of()).stream()
                .filter(id -> !secrets.contains(id))
                .forEach(id -> problems.add("the tools' credentials are encrypted under key id " + id
                        + ", which neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS is: set the key the platform had"));
        Set<String> hashKeys = keyIds("API_KEY_HASH_KEY", false);
        needed.getOrDefault(BackupManifest.API_KEY_HASH, List.of()).stream()
                .filter(id -> !hashKeys.contains(id))
                .forEach(id -> problems.add("the API keys are hashed under key id " + id
                        + ", which neither API_KEY_HASH_KEY nor API_KEY_HASH_KEY_PREVIOUS is: without it every API"
                        + " key is refused"));
        return problems;
    }

    /** The ids of the key in {@code variable} and of those in {@code variable_PREVIOUS}, as the platform derives them. */
    private Set<String> keyIds(String variable, boolean base64) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> keys = new ArrayList<>();
        keys.add(environment.getOrDefault(variable, ""));
        keys.addAll(Arrays.asList(
                environment.getOrDefault(variable + "_PREVIOUS", "").split(",")));
        for (String key : keys) {
            if (key.isBlank()) {
                continue;
            }
            try {
                ids.add(KeyIds.of(
                        base64 ? Base64.getDecoder().decode(key.trim()) : key.getBytes(StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                // not base64: not a key the platform would start with, so it opens nothing
            }
        }
        return ids;
    }

    /**
     * The derived schemas and an event store without events are dropped; an event store with events only with
     * {@code --force}.
     */
    private static String emptyDatabase(Connection database, boolean force) throws SQLException {
        long events = 0;
        boolean exists;
        try (Statement statement = database.createStatement();
                ResultSet store =
                        statement.executeQuery("SELECT to_regclass('command.domain_event_entry') IS NOT NULL")) {
            store.next();
            exists = store.getBoolean(1);
        }
        if (exists) {
            try (Statement statement = database.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM command.domain_event_entry")) {
                count.next();
                events = count.getLong(1);
            }
        }
        if (events > 0 && !force) {
            throw new Refused("the database holds " + events + " events: restoring would replace them; give --force"
                    + " to drop them (and every read model) first");
        }
        try (Statement statement = database.createStatement()) {
            for (String schema : DERIVED_SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            statement.execute("DROP SCHEMA IF EXISTS " + CommandSchema.NAME + " CASCADE");
        }
        return events > 0 ? "dropped an event store of " + events + " events (--force)" : "the database is empty";
    }

    /** With an external broker: no records on the platform's topics and no offsets of its consumers, or --force. */
    private String emptyBroker(boolean force) {
        String bootstrapServers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return "Kafka: the broker of ./run starts empty";
        }
        try (Admin kafka = admin(bootstrapServers)) {
            List<String> topics =
                    kafka.listTopics().names().get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                            .filter(name -> name.startsWith("voicepartner."))
                            .sorted()
                            .toList();
            long records = topics.isEmpty()
                    ? 0
                    : Reset.recordCounts(kafka, topics).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
            List<String> groups = consumerGroups();
            List<String> existing =
                    kafka.listConsumerGroups().all().get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                            .map(ConsumerGroupListing::groupId)
                            .filter(groups::contains)
                            .toList();
            if (records == 0 && existing.isEmpty()) {
                return "Kafka: the platform's topics are empty";
            }
            if (!force) {
                throw new Refused("Kafka holds " + records + " records on the platform's topics and the consumer"
                        + " groups " + existing + ": their offsets would skip the events published again; give"
                        + " --force to delete them first");
            }
            groups.forEach(group -> Reset.refuseWhileConsuming(kafka, group));
            Reset reset = new Reset(environment, out);
            existing.forEach(group -> reset.deleteGroup(kafka, group));
            reset.recreateTopics(kafka);
            return "Kafka: deleted " + records + " records and the groups " + existing + " (--force)";
        } catch (Refused | Reset.Refused e) {
            throw e;
        } catch (Exception e) {
            throw Reset.kafkaFailure(e);
        }
    }

    private void restoreEventStore(Connection database, BackupManifest manifest, Path backup)
            throws SQLException, IOException {
        String version = manifest.schemas().get(CommandSchema.NAME);
        PlatformDatabase.Target target = PlatformDatabase.target(environment);
        Flyway flyway = CommandSchema.flyway()
                .dataSource(target.jdbcUrl(), target.user(), target.password() == null ? "" : target.password())
                .target(version)
                .load();
        if (Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getVersion)
                .noneMatch(known -> known != null && known.getVersion().equals(version))) {
            throw new Refused("the backup's command schema is at version " + version + ", which this platform does not"
                    + " know: restore with the platform that took it (" + manifest.platformVersion()
                    + ") or a newer one");
        }
        flyway.migrate();
        List<String> tables = Backup.tables(database);
        database.setAutoCommit(false);
        try {
            for (BackupManifest.Table table : manifest.tables()) {
                if (!tables.contains(table.name())) {
                    throw new IllegalStateException("the backup's table " + table.name()
                            + " is not in the command schema at version " + version);
                }
                long rows;
                try (InputStream rowsIn = new GZIPInputStream(
                        Files.newInputStream(backup.resolve(table.part().path())), 1 << 16)) {
                    rows = database.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "COPY " + Backup.qualified(table.name()) + " (" + Backup.quoted(table.columns())
                                            + ") FROM STDIN",
                                    rowsIn);
                }
                if (rows != table.rows()) {
                    throw new IllegalStateException(
                            table.name() + ": " + rows + " rows loaded, the manifest says " + table.rows());
                }
            }
            try (Statement statement = database.createStatement()) {
                resetSequences(statement);
                // the publisher's position and what it parked are about the broker that is gone: all is published again
                statement.execute(
                        "DELETE FROM command.token_entry WHERE processor_name = '" + Republish.PUBLISHER + "'");
                statement.execute("TRUNCATE command.parked_events");
                // the processors' claims are of processes that are gone: the next platform claims them at once
                statement.execute("UPDATE command.token_entry SET owner = NULL");
                try (ResultSet store = statement.executeQuery(
                        "SELECT count(*), coalesce(max(global_index), -1) FROM command.domain_event_entry")) {
                    store.next();
                    if (store.getLong(1) != manifest.events() || store.getLong(2) != manifest.highestGlobalPosition()) {
                        throw new IllegalStateException("the event store holds " + store.getLong(1) + " events up to "
                                + store.getLong(2) + ", the manifest says " + manifest.events() + " up to "
                                + manifest.highestGlobalPosition());
                    }
                }
            }
            database.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            database.rollback();
            throw e;
        } finally {
            database.setAutoCommit(true);
        }
    }

    /** The next global index (and any other serial) follows the highest restored, as it did before. */
    private static void resetSequences(Statement statement) throws SQLException {
        List<String[]> serials = new ArrayList<>();
        try (ResultSet columns = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = '" + CommandSchema.NAME + "' AND column_default LIKE 'nextval(%'")) {
            while (columns.next()) {
                serials.add(new String[] {columns.getString(1), columns.getString(2)});
            }
        }
        for (String[] serial : serials) {
            String table = Backup.qualified(serial[0]);
            String column = "\"" + serial[1] + "\"";
            try (ResultSet ignored = statement.executeQuery("SELECT setval(pg_get_serial_sequence('" + table + "', '"
                    + serial[1] + "'), coalesce(max(" + column + "), 0) + 1, false) FROM " + table)) {
                // the value set is not needed
            }
        }
    }

    /**
     * The part with the platform running: every event on Kafka again, then every consumer group of the read
     * models and analytics past the end of what was published.
     *
     * @param startTimeout how long to wait for the platform to start publishing
     */
    void follow(BackupManifest manifest, Duration startTimeout) {
        follow(manifest.events(), manifest.highestGlobalPosition(), startTimeout);
    }

    /** As {@link #follow(BackupManifest, Duration)}, for the store's events up to {@code highest}. */
    void follow(long events, long highest, Duration startTimeout) {
        try (Connection database = PlatformDatabase.connect(environment, out);
                Admin kafka = admin(bootstrapServers())) {
            Instant started = Instant.now();
            out.println("Start the platform now (./run, or the sides of the deployment), with the keys of the one"
                    + " backed up: it publishes every event again and projects them. Waiting for it …");
            Instant deadline = started.plus(startTimeout);
            while (publisherToken(database) == null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no command side started publishing within "
                            + startTimeout.toMinutes() + " min: it publishes and projects everything when it starts");
                }
                pause();
            }
            record("wait for the platform", started, "the publisher started");
            started = Instant.now();
            followPublisher(database, highest);
            // each event is one record on its topic (a duplicate only adds one): all are there once as many are
            long records = awaitRecords(kafka, events);
            record(
                    "publish to Kafka",
                    started,
                    String.format(
                            Locale.ROOT,
                            "%,d events, up to global position %,d: %,d records on the topics",
                            events,
                            highest,
                            records));
            for (Projection projection : List.of(
                    new Projection("project the read models", List.of(queryGroup(), queryGroup() + "-usage")),
                    new Projection("project analytics", List.of(analyticsGroup())))) {
                started = Instant.now();
                long projected = 0;
                for (String group : projection.groups()) {
                    projected += followGroup(kafka, group);
                }
                record(
                        projection.step(),
                        started,
                        String.format(Locale.ROOT, "%,d records by %s", projected, projection.groups()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** Waits until the event topics hold {@code events} records: how many they hold then. */
    private long awaitRecords(Admin kafka, long events) {
        Instant movedAt = Instant.now();
        long shown = -1;
        try {
            while (true) {
                List<String> topics = Arrays.stream(AggregateType.values())
                        .map(AggregateType::topic)
                        .toList();
                Set<String> existing =
                        kafka.listTopics().names().get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                List<String> there = topics.stream().filter(existing::contains).toList();
                long records = there.isEmpty()
                        ? 0
                        : Reset.recordCounts(kafka, there).values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                if (records >= events) {
                    return records;
                }
                if (records != shown) {
                    out.printf("  %,d of %,d events on Kafka%n", records, events);
                    shown = records;
                    movedAt = Instant.now();
                } else if (Instant.now().isAfter(movedAt.plus(STALLED_AFTER))) {
                    throw new IllegalStateException("the topics have held " + records + " records for "
                            + STALLED_AFTER.toMinutes() + " min, of " + events + " events");
                }
                pause();
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw Reset.kafkaFailure(e);
        }
    }

    /** A step of the following, and the consumer groups that do its work. */
    private record Projection(String step, List<String> groups) {}

    private Republish.Token publisherToken(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT count(*) FROM command.token_entry WHERE processor_name = '"
                                + Republish.PUBLISHER + "'")) {
            row.next();
            return row.getLong(1) == 0 ? null : Republish.token(database);
        }
    }

    private void followPublisher(Connection database, long highest) throws SQLException {
        long shown = Long.MIN_VALUE;
        Instant movedAt = Instant.now();
        Instant printedAt = Instant.MIN;
        while (true) {
            long position = publisherToken(database).position().orElse(-1);
            if (position >= highest) {
                return;
            }
            if (position != shown) {
                shown = position;
                movedAt = Instant.now();
                if (movedAt.isAfter(printedAt.plus(PRINT_EVERY))) {
                    out.printf("  published up to global position %,d of %,d%n", position, highest);
                    printedAt = movedAt;
                }
            } else if (Instant.now().isAfter(movedAt.plus(STALLED_AFTER))) {
                throw new IllegalStateException("the publisher has stood at global position " + position + " for "
                        + STALLED_AFTER.toMinutes() + " min (is Kafka away?); it goes on by itself");
            }
            pause();
        }
    }

    /**
     * Follows one consumer group until it has committed, on every partition assigned to it, the end the partition
     * had once the group was there; the events published again are all before that end.
     *
     * @return the records it consumed
     */
    private long followGroup(Admin kafka, String group) {
        Instant movedAt = Instant.now();
        Map<TopicPartition, Long> ends = null;
        long shown = -1;
        Instant printedAt = Instant.MIN;
        try {
            while (true) {
                if (ends == null) {
                    List<TopicPartition> assigned = assigned(kafka, group);
                    if (!assigned.isEmpty()) {
                        ends = offsets(kafka, assigned);
                    }
                } else {
                    Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    long behind = 0;
                    long done = 0;
                    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        long at = offset == null ? 0 : Math.min(offset.offset(), end.getValue());
                        behind += end.getValue() - at;
                        done += at;
                    }
                    if (behind == 0) {
                        out.printf("  %s: %,d records projected%n", group, done);
                        return done;
                    }
                    if (done != shown) {
                        shown = done;
                        movedAt = Instant.now();
                        if (movedAt.isAfter(printedAt.plus(PRINT_EVERY))) {
                            out.printf("  %s: %,d records projected, %,d to go%n", group, done, behind);
                            printedAt = movedAt;
                        }
                    }
                }
                if (Instant.now().isAfter(movedAt.plus(STALLED_AFTER))) {
                    throw new IllegalStateException("consumer group " + group + " has not moved for "
                            + STALLED_AFTER.toMinutes() + " min (is its side running? /health names what it parked)");
                }
                pause();
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw Reset.kafkaFailure(e);
        }
    }

    private static List<TopicPartition> assigned(Admin kafka, String group) throws Exception {
        ConsumerGroupDescription description = kafka.describeConsumerGroups(List.of(group))
                .all()
                .get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(group);
        if (description == null) {
            return List.of();
        }
        return description.members().stream()
                .map(MemberDescription::assignment)
                .flatMap(assignment -> assignment.topicPartitions().stream())
                .filter(partition -> partition.topic().startsWith("voicepartner."))
                .toList();
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(latest)
                .all()
                .get(Reset.KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The groups whose offsets would skip the events published again: every consumer of the event topics. */
    private List<String> consumerGroups() {
        return List.of(queryGroup(), queryGroup() + "-usage", queryGroup() + "-api-key-uses", analyticsGroup());
    }

    private String queryGroup() {
        return environment.getOrDefault("QUERY_CONSUMER_GROUP", "voicepartner-query-side");
    }

    private String analyticsGroup() {
        return environment.getOrDefault("ANALYTICS_CONSUMER_GROUP", "voicepartner-analytics");
    }

    private String bootstrapServers() {
        String servers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null || servers.isBlank()) {
            return "localhost:" + environment.getOrDefault("LOCAL_KAFKA_PORT", "9092");
        }
        return servers;
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Reset.KAFKA_TIMEOUT.toMillis() / 2,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Reset.KAFKA_TIMEOUT.toMillis()));
    }

    private void record(String name, Instant started, String result) {
        Step step = new Step(name, Duration.between(started, Instant.now()), result);
        steps.add(step);
        out.printf("%-26s %8s  %s%n", step.name(), Backup.took(step.took()), step.result());
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Every step with its time, and the whole. */
    void report() {
        if (steps.isEmpty()) {
            return;
        }
        out.println("Restore: what was done, and how long each step took");
        steps.forEach(step -> out.printf("  %-26s %8s  %s%n", step.name(), Backup.took(step.took()), step.result()));
        out.printf(
                "  %-26s %8s%n",
                "in all", Backup.took(steps.stream().map(Step::took).reduce(Duration.ZERO, Duration::plus)));
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(FOLLOW_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
