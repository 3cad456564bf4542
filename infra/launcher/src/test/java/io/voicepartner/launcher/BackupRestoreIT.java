package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.support.storage.BackupLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The restore drill ({@code infra/scripts/backup}, {@code infra/scripts/restore}, ADR 0035): an organization's data
 * written through the API, a backup taken while another tenant goes on writing, the database, the broker and the
 * file store destroyed, the backup restored onto empty ones; then every read of the API (lists, single resources,
 * histories, versions, files' text and bytes, usage, analytics, the runtime's answer with its decrypted credentials)
 * is what it was, and every write acknowledged before the backup began is there. A platform of its own is started
 * twice: before the disaster and after it.
 */
@BesideTheOthers
class BackupRestoreIT {

    private static final String LONDON = "+442079460958";

    @TempDir
    Path work;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void aPlatformDestroyedComesBackFromItsBackupAsItWas() throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        Path files = Files.createDirectories(work.resolve("files"));
        Path backup = work.resolve("backup");
        environment.putAll(Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "FILE_STORAGE_DIR", files.toString(),
                "SECRETS_KEY", TestKeys.SECRETS_KEY,
                "SECRETS_KEY_PREVIOUS", TestKeys.PREVIOUS_SECRETS_KEY,
                "API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY));

        Map<String, Object> before;
        Tenant demo;
        Writes writes;
        Instant backupBegan;
        BackupManifest manifest;
        LocalKafka lost = LocalKafka.start(0);
        try (ConfigurableApplicationContext platform = InProcessPlatform.start(database, lost, files)) {
            Api api = InProcessPlatform.api(platform);
            demo = organization(api);
            quiesce(lost);
            before = reads(demo);
            readsShowTheOrganization(before);

            writes = new Writes(api);
            writes.start();
            writes.awaitAcknowledged(3);
            backupBegan = Instant.now();
            manifest = new Backup(environment, quiet()).run(backup);
            writes.awaitAcknowledged(writes.acknowledged() + 2);
            writes.stop();

            removalsWaitForABackup(writes, files);
        } finally {
            lost.stop();
        }

        refusesWhatCannotBeRestored(backup, manifest);
        destroy(database, files);

        LocalKafka empty = LocalKafka.start(0);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", empty.bootstrapServers());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Restore restore = new Restore(environment, new PrintStream(report, true, StandardCharsets.UTF_8));
        try {
            restore.restore(backup, false);
            try (ConfigurableApplicationContext platform = InProcessPlatform.start(database, empty, files)) {
                restore.follow(manifest, Duration.ofMinutes(2));
                restore.report();
                assertThat(restore.steps())
                        .extracting(Restore.Step::name)
                        .containsExactly(
                                "check the backup",
                                "make room",
                                "restore the event store",
                                "restore the files",
                                "wait for the platform",
                                "publish to Kafka",
                                "project the read models",
                                "project analytics");

                Tenant restored = demo.on(InProcessPlatform.api(platform));
                awaitFilesProcessed(restored.api());
                assertThat(reads(restored)).isEqualTo(before);
                writes.acknowledgedBefore(backupBegan)
                        .forEach(id -> assertThat(writes.as(InProcessPlatform.api(platform))
                                        .get("/api/assistants/" + id)
                                        .status())
                                .as("assistant %s, acknowledged before the backup began", id)
                                .isEqualTo(200));
                everyFileNamedIsThere(writes.as(InProcessPlatform.api(platform)), writes);
            }
        } finally {
            System.out.println(report.toString(StandardCharsets.UTF_8));
            empty.stop();
        }
    }

    /** The demo organization of {@code infra/scripts/seed}, and more: versions, files, usage, a deleted tool. */
    private Tenant organization(Api api) {
        ByteArrayOutputStream seeded = new ByteArrayOutputStream();
        new Seed(api.baseUrl(), new PrintStream(seeded, true, StandardCharsets.UTF_8)).run();
        Api owner = api.withHeader("Authorization", "Bearer " + api.login(Seed.EMAIL, Seed.PASSWORD));
        String organization = Ids.named(owner.get("/api/organizations").data(), Seed.ORGANIZATION);
        Api demo = owner.withHeader("X-Organization-Id", organization);

        String frontDesk = Ids.named(demo.get("/api/assistants/").data(), "Front desk");
        String calendar = Ids.named(demo.get("/api/tools/").data(), "Calendar");
        String weather = Ids.named(demo.get("/api/tools/").data(), "Weather");
        String london = Ids.numbered(demo.get("/api/phone-numbers/").data(), LONDON);

        String prices = uploaded(demo, "prices.csv", "treatment,price\ncheck-up,45\ncleaning,80\n");
        String hours =
                uploaded(demo, "hours.md", "# Opening hours\n\nMonday to Friday, 8 to 18. Closed at weekends.\n");
        awaitFilesProcessed(demo);
        ok(demo.post("/api/assistants/" + frontDesk + "/files", Map.of("file_ids", List.of(prices, hours))));
        ok(demo.post("/api/assistants/" + frontDesk + "/versions", Map.of("note", "First go-live")));
        ok(demo.patch("/api/assistants/" + frontDesk, Map.of("temperature", 0.3, "first_message", "Good day!")));
        ok(demo.post("/api/assistants/" + frontDesk + "/versions", Map.of("note", "Calmer")));
        ok(demo.patch("/api/files/" + hours, Map.of("description", "Updated for the holidays")));
        ok(demo.delete("/api/tools/" + weather));

        Instant now = Instant.now();
        List<Map<String, Object>> executions = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            executions.add(Map.of(
                    "execution_id",
                    "calendar-" + i,
                    "duration_ms",
                    10 * i,
                    "success",
                    i % 8 != 0,
                    "status_code",
                    i % 8 != 0 ? 200 : 503,
                    "assistant_id",
                    frontDesk,
                    "occurred_at",
                    now.minusSeconds(i).toString()));
        }
        ok(demo.post("/api/tools/" + calendar + "/executions", executions));
        ok(demo.post(
                "/api/phone-numbers/" + london + "/usage",
                List.of(
                        Map.of(
                                "call_id",
                                "call-1",
                                "call_seconds",
                                95,
                                "direction",
                                "inbound",
                                "assistant_id",
                                frontDesk,
                                "occurred_at",
                                now.toString()),
                        Map.of(
                                "call_id",
                                "call-2",
                                "call_seconds",
                                30,
                                "direction",
                                "outbound",
                                "assistant_id",
                                frontDesk,
                                "occurred_at",
                                now.minusSeconds(60).toString()))));
        return new Tenant(demo, organization);
    }

    /** An organization's client, and its id. */
    private record Tenant(Api api, String organization) {

        Tenant on(Api platform) {
            return new Tenant(platform.withHeaders(api.headers()), organization);
        }
    }

    /**
     * Every read of the organization, by path: the data of JSON answers (and the pagination of lists), files' bytes
     * in base64. The API keys are read without {@code last_used_at}: a key's uses travel on a topic of their own
     * and are not backed up (ADR 0035).
     */
    private static Map<String, Object> reads(Tenant tenant) {
        Api api = tenant.api();
        Map<String, Object> reads = new LinkedHashMap<>();
        String organization = "/api/organizations/" + tenant.organization();
        for (String path : List.of(
                "/api/users/me",
                "/api/organizations",
                organization,
                organization + "/members",
                organization + "/invitations",
                organization + "/audit-log?limit=200")) {
            reads.put(path, read(api, path));
        }
        JsonNode keys = read(api, organization + "/api-keys").deepCopy();
        keys.path("data").forEach(key -> ((ObjectNode) key).remove("last_used_at"));
        reads.put(organization + "/api-keys", keys);
        for (String kind : List.of("assistants", "tools", "files", "phone-numbers")) {
            JsonNode list = read(api, "/api/" + kind + "?limit=200");
            reads.put("/api/" + kind, list);
            for (JsonNode resource : list.path("data")) {
                String path = "/api/" + kind + "/" + resource.path("id").asText();
                for (String suffix : List.of("", "/history", "?revision=1")) {
                    reads.put(path + suffix, read(api, path + suffix));
                }
                switch (kind) {
                    case "assistants" -> {
                        reads.put(path + "/tools", read(api, path + "/tools"));
                        reads.put(path + "/files", read(api, path + "/files"));
                        JsonNode versions = read(api, path + "/versions");
                        reads.put(path + "/versions", versions);
                        for (JsonNode version : versions.path("data")) {
                            String one =
                                    path + "/versions/" + version.path("number").asText();
                            reads.put(one, read(api, one));
                        }
                    }
                    case "tools" -> reads.put(path + "/executions", read(api, path + "/executions?limit=100"));
                    case "files" -> {
                        reads.put(path + "/text", api.get(path + "/text").text());
                        reads.put(
                                path + "/content",
                                Base64.getEncoder()
                                        .encodeToString(
                                                api.download(path + "/content").body()));
                    }
                    case "phone-numbers" -> {
                        reads.put(path + "/calls", read(api, path + "/calls"));
                        String number = resource.path("phone_number").asText();
                        reads.put(
                                "/api/runtime/phone-numbers/" + number,
                                read(api, "/api/runtime/phone-numbers/" + number));
                    }
                    default -> throw new IllegalStateException(kind);
                }
            }
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(2) + "&to=" + today;
        for (String figure : List.of("assistants", "tool-executions", "file-uploads", "phone-numbers")) {
            reads.put("/api/analytics/" + figure, read(api, "/api/analytics/" + figure + range));
        }
        return reads;
    }

    /** What the reads compared must hold, so that equal reads are the organization's data and not two empty answers. */
    private static void readsShowTheOrganization(Map<String, Object> reads) {
        assertThat(((JsonNode) reads.get("/api/assistants")).path("data")).hasSize(2);
        assertThat(((JsonNode) reads.get("/api/tools")).path("data")).hasSize(2);
        assertThat(((JsonNode) reads.get("/api/phone-numbers")).path("data")).hasSize(2);
        assertThat(reads.keySet().stream().filter(path -> path.matches(".*/versions/\\d+")))
                .hasSize(2);
        assertThat(reads.entrySet().stream()
                        .filter(read -> read.getKey().endsWith("/text"))
                        .map(read -> (String) read.getValue()))
                .anySatisfy(text -> assertThat(text).contains("Closed at weekends"));
        assertThat(reads.entrySet().stream()
                        .filter(read -> read.getKey().endsWith("/executions"))
                        .map(read -> ((JsonNode) read.getValue()).path("data")))
                .anySatisfy(executions -> assertThat(executions).hasSize(40));
        JsonNode runtime = (JsonNode) reads.get("/api/runtime/phone-numbers/" + LONDON);
        assertThat(runtime.path("status").asInt()).isEqualTo(200);
        // the credential the runtime gets opened with the key outside the backup
        assertThat(runtime.toString()).contains("demo-calendar-token-4f2a9c7e1b");
        assertThat(((JsonNode) reads.get("/api/analytics/tool-executions")).path("data"))
                .isNotEmpty();
    }

    private static JsonNode read(Api api, String path) {
        Api.Response response = api.get(path);
        ObjectNode read = Api.JSON.createObjectNode();
        read.put("status", response.status());
        read.set("data", response.data());
        read.set("pagination", response.json().path("pagination"));
        read.put("etag", response.header("ETag"));
        return read;
    }

    /** Deletions of stored bytes wait while a backup holds its lock, and go on once it lets go. */
    private void removalsWaitForABackup(Writes writes, Path files) throws SQLException {
        String file = writes.lastFile();
        assertThat(files.resolve(file)).exists();
        try (Connection backup = connect()) {
            execute(backup, BackupLock.HOLD);
            ok(writes.as(writes.platform()).delete("/api/files/" + file));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> waitingForTheLock(backup));
            assertThat(files.resolve(file))
                    .as("bytes of a file deleted during a backup")
                    .exists();
            execute(backup, BackupLock.RELEASE);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(files.resolve(file)));
    }

    private static boolean waitingForTheLock(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype ="
                + " 'advisory' AND NOT granted AND classid::bigint = ? AND objid::bigint = ?")) {
            select.setLong(1, BackupLock.KEY >>> 32);
            select.setLong(2, BackupLock.KEY & 0xFFFF_FFFFL);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }

    /** A damaged, incomplete or unopenable backup is refused naming what is wrong, and so is a database with events. */
    private void refusesWhatCannotBeRestored(Path backup, BackupManifest manifest) throws IOException {
        Path damaged = copy(backup, "damaged");
        Path events = damaged.resolve("database/domain_event_entry.tsv.gz");
        byte[] bytes = Files.readAllBytes(events);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(events, bytes);
        assertRefused(damaged, "database/domain_event_entry.tsv.gz: its SHA-256 differs from the manifest's (damaged)");

        Path incomplete = copy(backup, "incomplete");
        String aFile = manifest.files().get(0).part().path();
        Files.delete(incomplete.resolve(aFile));
        assertRefused(incomplete, aFile + ": missing");

        Path unfinished = copy(backup, "unfinished");
        Files.delete(unfinished.resolve(BackupManifest.FILE_NAME));
        assertRefused(unfinished, "has no manifest.json: it is not a backup, or one that did not finish");

        Map<String, String> otherKeys = new HashMap<>(environment);
        otherKeys.put("SECRETS_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        otherKeys.remove("SECRETS_KEY_PREVIOUS");
        assertThatThrownBy(() -> new Restore(otherKeys, quiet()).restore(backup, false))
                .isInstanceOf(Restore.Refused.class)
                .hasMessageContaining("the tools' credentials are encrypted under key id "
                        + manifest.keyIds().get(BackupManifest.SECRETS).get(0));

        // the writes after the backup are in the database too: any number of events
        assertRefused(backup, "events: restoring would replace them; give --force to drop them");
    }

    private void assertRefused(Path backup, String reason) {
        assertThatThrownBy(() -> new Restore(environment, quiet()).restore(backup, false))
                .isInstanceOf(Restore.Refused.class)
                .hasMessageContaining(reason);
    }

    /** The disaster: the database dropped and made again empty, every stored file gone (the broker is stopped). */
    private void destroy(TestInfrastructure.Database database, Path files) throws IOException, SQLException {
        String url = database.jdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection server = DriverManager.getConnection(
                        url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                        database.username(),
                        database.password());
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        try (Stream<Path> stored = Files.list(files)) {
            for (Path file : stored.toList()) {
                Files.delete(file);
            }
        }
    }

    /** Every event published and projected by the read models and analytics: the reads are then stable. */
    private void quiesce(LocalKafka kafka) throws SQLException {
        Map<String, String> running = new HashMap<>(environment);
        running.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet store =
                        statement.executeQuery("SELECT count(*), max(global_index) FROM command.domain_event_entry")) {
            store.next();
            new Restore(running, quiet()).follow(store.getLong(1), store.getLong(2), Duration.ofSeconds(30));
        }
    }

    private static void awaitFilesProcessed(Api api) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(api.get("/api/files?limit=200").data())
                        .allSatisfy(
                                file -> assertThat(file.path("status").asText()).isEqualTo("processed")));
    }

    /** Every file the restored platform shows has its bytes, as uploaded, and its text. */
    private static void everyFileNamedIsThere(Api api, Writes writes) {
        awaitFilesProcessed(api);
        JsonNode listed = api.get("/api/files?limit=200").data();
        assertThat(listed).isNotEmpty();
        for (JsonNode file : listed) {
            String id = file.path("id").asText();
            Api.Download content = api.download("/api/files/" + id + "/content");
            assertThat(content.status()).as("file %s's bytes", id).isEqualTo(200);
            assertThat(new String(content.body(), StandardCharsets.UTF_8)).isEqualTo(writes.content(id));
            assertThat(api.get("/api/files/" + id + "/text").text())
                    .contains(writes.content(id).trim());
        }
    }

    /**
     * Another tenant writing on while the backup is taken: an assistant and a file each round, and the file of the
     * round before deleted. Remembers when each write was acknowledged.
     */
    private static final class Writes {

        private final Api platform;
        private final Api.User user;
        private final Map<String, Instant> assistants = new ConcurrentHashMap<>();
        private final Map<String, String> contents = new ConcurrentHashMap<>();
        private final AtomicInteger rounds = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile String lastFile;
        private volatile RuntimeException failure;
        private Thread thread;

        Writes(Api platform) {
            this.platform = platform;
            this.user = platform.signUp();
        }

        Api platform() {
            return platform;
        }

        Api as(Api on) {
            return on.as(user);
        }

        void start() {
            thread = new Thread(this::write, "tenant-writing-on");
            thread.start();
        }

        private void write() {
            Api api = platform.as(user);
            try {
                while (!stopped.get()) {
                    int round = rounds.get();
                    String assistant = ok(api.post("/api/assistants", Map.of("name", "Noise " + round)))
                            .data()
                            .path("id")
                            .asText();
                    assistants.put(assistant, Instant.now());
                    String content = "Round " + round + " of the writes that go on during a backup.\n";
                    String file = uploaded(api, "round-" + round + ".txt", content);
                    contents.put(file, content);
                    if (lastFile != null) {
                        ok(api.delete("/api/files/" + lastFile));
                    }
                    lastFile = file;
                    rounds.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        int acknowledged() {
            return rounds.get();
        }

        void awaitAcknowledged(int count) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> failure != null || rounds.get() >= count);
            if (failure != null) {
                throw failure;
            }
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            thread.join(Duration.ofSeconds(30).toMillis());
            if (failure != null) {
                throw failure;
            }
        }

        List<String> acknowledgedBefore(Instant moment) {
            List<String> before = assistants.entrySet().stream()
                    .filter(write -> write.getValue().isBefore(moment))
                    .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(before).as("writes acknowledged before the backup began").isNotEmpty();
            return before;
        }

        String lastFile() {
            return lastFile;
        }

        String content(String file) {
            return contents.get(file);
        }
    }

    private static String uploaded(Api api, String name, String content) {
        Api.Response uploaded = ok(api.upload("/api/files", Map.of(), name, content.getBytes(StandardCharsets.UTF_8)));
        return uploaded.data().path("id").asText();
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 202);
        return response;
    }

    private Path copy(Path backup, String name) throws IOException {
        Path copy = work.resolve(name);
        try (Stream<Path> paths = Files.walk(backup)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(backup.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy;
    }

    private Connection connect() throws SQLException {
        return PlatformDatabase.connect(environment, quiet());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Ids found in lists by what a reader knows them by. */
    private static final class Ids {

        static String named(JsonNode list, String name) {
            return find(list, "name", name);
        }

        static String numbered(JsonNode list, String number) {
            return find(list, "phone_number", number);
        }

        private static String find(JsonNode list, String field, String value) {
            for (JsonNode item : list) {
                if (value.equals(item.path(field).asText())) {
                    return item.path("id").asText();
                }
            }
            throw new IllegalStateException("no " + field + " " + value + " in " + list);
        }
    }
}
