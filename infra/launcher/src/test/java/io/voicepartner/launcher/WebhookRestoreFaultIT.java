package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhooks across a restore ({@code infra/scripts/backup}, {@code infra/scripts/restore}, ADR 0035): the query side's
 * tables, the deliveries among them, are derived again from the restored events, and its feed is filled again from
 * the start. What was delivered before the backup must not be sent to the customer a second time; what changes after
 * the restore is delivered. In the faults profile: it starts a platform twice and restores a backup.
 */
class WebhookRestoreFaultIT {

    private static final String RECEIVER_HOST = "127.0.0.2";
    private static final String ALLOW_RECEIVER = "--voicepartner.outbound.allow-list=" + RECEIVER_HOST + "/32";

    @TempDir
    Path work;

    /** A request the receiver got: its webhook-id and the event's resource and revision. */
    record Received(String id, String resource, long revision) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    @Test
    void aRestoreSendsNothingAgainThatWasDeliveredBeforeTheBackup() throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        Path files = Files.createDirectories(work.resolve("files"));
        Path backup = work.resolve("backup");
        environment.putAll(Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "FILE_STORAGE_DIR", files.toString(),
                "SECRETS_KEY", TestKeys.SECRETS_KEY,
                "SECRETS_KEY_PREVIOUS", TestKeys.PREVIOUS_SECRETS_KEY,
                "API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY));
        HttpServer receiver = receiver();
        String url = "http://" + RECEIVER_HOST + ":" + receiver.getAddress().getPort() + "/hooks";

        Map<String, String> headers;
        List<String> assistants = new ArrayList<>();
        BackupManifest manifest;
        int deliveredBefore;
        Set<String> before;
        LocalKafka lost = LocalKafka.start(0);
        try (ConfigurableApplicationContext platform = InProcessPlatform.start(database, lost, files, ALLOW_RECEIVER)) {
            Api customer = Writers.signUp(InProcessPlatform.api(platform));
            headers = customer.headers();
            Api.Response endpoint =
                    customer.post("/api/webhook-endpoints", Map.of("url", url, "event_types", List.of("*")));
            assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
            for (int n = 0; n < 3; n++) {
                Api.Response created = customer.post("/api/assistants", Map.of("name", "Restored " + n));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                String id = created.data().path("id").asText();
                assistants.add(id);
                for (int edit = 0; edit < 2; edit++) {
                    assertThat(customer.patch("/api/assistants/" + id, Map.of("description", "edit " + edit))
                                    .status())
                            .isEqualTo(200);
                }
            }
            // the feed serves an event once no transaction that began before it is running (ADR 0031): a moment
            await().atMost(Duration.ofMinutes(1)).until(() -> feed(customer) == 9);
            await().atMost(Duration.ofMinutes(1)).until(() -> ids().size() == 9);
            deliveredBefore = received.size();
            before = ids();
            manifest = new Backup(environment, quiet()).run(backup);
        } finally {
            lost.stop();
        }

        destroy(database, files);
        LocalKafka empty = LocalKafka.start(0);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", empty.bootstrapServers());
        Restore restore = new Restore(environment, quiet());
        try {
            restore.restore(backup, false);
            try (ConfigurableApplicationContext platform =
                    InProcessPlatform.start(database, empty, files, ALLOW_RECEIVER)) {
                restore.follow(manifest, Duration.ofMinutes(2));
                Api customer = InProcessPlatform.api(platform).withHeaders(headers);
                await().atMost(Duration.ofMinutes(1)).until(() -> feed(customer) == 9);

                Api.Response changed =
                        customer.patch("/api/assistants/" + assistants.get(0), Map.of("description", "after"));
                assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
                long revision = changed.data().path("revision").asLong();
                // the change after the restore is delivered, so everything before it in the feed was dispatched
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> received.stream()
                                .anyMatch(r -> r.resource().endsWith(assistants.get(0)) && r.revision() == revision));
                await().atMost(Duration.ofMinutes(1)).until(() -> pending(database) == 0);

                List<Received> after = received.subList(deliveredBefore, received.size());
                long sentAgain =
                        after.stream().filter(r -> before.contains(r.id())).count();
                String report = String.format(
                        "webhooks across a restore: %d events delivered before the backup, %d requests after the"
                                + " restore, %d of them events delivered before; %d deliveries listed for the endpoint",
                        deliveredBefore, after.size(), sentAgain, deliveries(database));
                System.out.println("RELIABILITY " + report);
                Files.createDirectories(Path.of("target", "reliability"));
                Files.writeString(Path.of("target", "reliability", "webhooks-across-a-restore.txt"), report + "\n");

                assertThat(sentAgain)
                        .as("events delivered before the backup, sent again after the restore")
                        .isZero();
                assertThat(after)
                        .extracting(Received::revision)
                        .as("only the change after the restore")
                        .containsExactly(revision);
            }
        } finally {
            empty.stop();
            receiver.stop(0);
        }
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(RECEIVER_HOST, 0), 0);
        server.createContext("/hooks", exchange -> {
            JsonNode event = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    event.path("resource").path("type").asText() + "/"
                            + event.path("resource").path("id").asText(),
                    event.path("resource").path("revision").asLong()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int feed(Api customer) {
        return customer.get("/api/events?limit=200").data().size();
    }

    private Set<String> ids() {
        return received.stream().map(Received::id).collect(Collectors.toSet());
    }

    private static long pending(TestInfrastructure.Database database) throws SQLException {
        return count(database, "SELECT count(*) FROM query.webhook_deliveries WHERE status = 'pending'");
    }

    private static long deliveries(TestInfrastructure.Database database) throws SQLException {
        return count(database, "SELECT count(*) FROM query.webhook_deliveries");
    }

    private static long count(TestInfrastructure.Database database, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The disaster: the database and the stored files gone, as in {@link BackupRestoreIT}. */
    private static void destroy(TestInfrastructure.Database database, Path files) throws IOException, SQLException {
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

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
