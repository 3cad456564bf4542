package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split deployment as {@code docker-compose.yml} runs it, without a Docker engine: the command side, the
 * query side and analytics as three processes of their own on their own ports, each started from its runnable
 * jar extracted into layers and laid out as its image does ({@code infra/docker/*.Dockerfile}), against one
 * database and one broker, behind nginx configured by {@code infra/gateway/nginx.conf} with only the sides'
 * addresses, its port, its pid file and where it finds the API document changed.
 */
@BesideTheOthers
class SplitDeploymentIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path WORK = Path.of("target/split-deployment").toAbsolutePath();
    private static final Path GATEWAY_CONFIGURATION = Path.of("../gateway/nginx.conf");
    /** The all-in-one platform's document, which docker-compose.yml mounts into the gateway. */
    private static final Path API_DOCUMENT = TypeScriptClientIT.CLIENT.resolve("openapi.json");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final List<Process> processes = new ArrayList<>();
    private static LocalKafka kafka;
    private static TestInfrastructure.Database database;
    private static Api gateway;
    private static Map<String, Integer> sides;
    /** Each side directly, without the gateway: the nodes a request may reach. */
    private static final Map<String, Api> nodes = new LinkedHashMap<>();

    @BeforeAll
    static void startTheSidesAndTheGateway() throws IOException {
        assertThat(NGINX)
                .as("nginx from Debian's packages: run infra/scripts/ensure-nginx")
                .exists();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        kafka = LocalKafka.start(0);
        database = TestInfrastructure.newDatabase();

        int commandPort = TestInfrastructure.freePort();
        int queryPort = TestInfrastructure.freePort();
        int analyticsPort = TestInfrastructure.freePort();
        Map<String, String> shared = Map.of(
                // the form docker-compose.yml gives, which the sides turn into a JDBC address
                "DATABASE_URL",
                database.jdbcUrl()
                        .replace(
                                "jdbc:postgresql://",
                                "postgresql://" + database.username()
                                        + (database.password().isEmpty() ? "" : ":" + database.password()) + "@"),
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "SECRET_KEY",
                TestKeys.TOKEN_KEY,
                "API_KEY_HASH_KEY",
                TestKeys.API_KEY_HASH_KEY,
                "FILE_STORAGE_DIR",
                WORK.resolve("files").toString(),
                // the first write waits for the query side's consumers to join their group: a busy CI machine
                // would answer it 202 after the default 2 s, and this test is about the path, not the bound
                "READ_YOUR_WRITES_TIMEOUT",
                "30s",
                // API keys' uses are passed on every second rather than production's 30 s, so that the test sees them
                "API_KEY_USES_FLUSH_INTERVAL",
                "1s",
                // three sides' pools beside the test platforms': within the test server's 100 connections
                "DATABASE_POOL_SIZE",
                "8");
        start(
                "command-side",
                commandPort,
                shared,
                Map.of("SECRETS_KEY", TestKeys.SECRETS_KEY, "QUERY_SIDE_URL", "http://127.0.0.1:" + queryPort));
        // the query side signs webhooks with the endpoints' secrets, which SECRETS_KEY opens (ADR 0032)
        start("query-side", queryPort, shared, Map.of("SECRETS_KEY", TestKeys.SECRETS_KEY));
        start("analytics", analyticsPort, shared, Map.of());
        sides = Map.of("command-side", commandPort, "query-side", queryPort, "analytics", analyticsPort);
        for (int port : sides.values()) {
            awaitReady(port);
        }
        gateway = startGateway("nginx", API_DOCUMENT);
        sides.forEach((side, port) -> nodes.put(side, new Api("http://127.0.0.1:" + port)));
    }

    @AfterAll
    static void stop() {
        processes.forEach(Process::destroy);
        processes.forEach(process -> process.onExit().join());
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void throughTheGatewayAUserSignsUpCreatesReadsListsAndIsCounted() {
        Api alice = gateway.as(gateway.signUp());

        // a write: the command side stores it and reads it back from the query side before it answers
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Front desk"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Server")).as("answered through the gateway").isEqualTo("nginx");
        String id = created.data().path("id").asText();
        assertThat(created.data().path("name").asText()).isEqualTo("Front desk");

        // reads: the query side
        Api.Response read = alice.get("/api/assistants/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().path("revision").asLong())
                .isEqualTo(created.data().path("revision").asLong());
        Api.Response list = alice.get("/api/assistants?limit=10");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().findValuesAsText("id")).containsExactly(id);

        // analytics: the third process, from the topics
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + today;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode figures = alice.get("/api/analytics/assistants" + range).data();
            assertThat(figures.findValues("created"))
                    .extracting(JsonNode::asInt)
                    .containsExactly(1);
        });

        // the runtime's call-start lookup: a read, but the command side's, which alone opens credentials
        assertThat(alice.post("/api/assistants/" + id + "/versions", Map.of()).status())
                .isEqualTo(201);
        String number = "+4930" + (10_000_000 + (System.nanoTime() & 0x3ffffff));
        assertThat(alice.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", id))
                        .status())
                .isEqualTo(201);
        Api.Response answer = alice.get("/api/runtime/phone-numbers/" + number);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.data().path("version").path("number").asInt()).isEqualTo(1);

        // the edge serves no operational endpoint; each side does, directly
        assertThat(gateway.get("/actuator/prometheus").status()).isEqualTo(404);
    }

    @Test
    void theGatewaysReferenceIsTheWholePlatformsWhereEachSideDocumentsItsOwnRoutes() throws IOException {
        Api.Response served = gateway.get("/openapi.json");
        assertThat(served.status()).as("%s", served).isEqualTo(200);
        assertThat(served.header("Server")).isEqualTo("nginx");
        JsonNode document = served.json();
        JsonNode allInOne = Api.JSON.readTree(API_DOCUMENT.toFile());

        Map<String, String> operations = operations(document);
        assertThat(operations)
                .as("the gateway's operations, by method and path, with their operationIds")
                .containsExactlyInAnyOrderEntriesOf(operations(allInOne));
        assertThat(names(document.path("components").path("schemas")))
                .containsExactlyInAnyOrderElementsOf(
                        names(allInOne.path("components").path("schemas")));
        assertThat(document.path("tags").findValuesAsText("name"))
                .containsExactlyElementsOf(allInOne.path("tags").findValuesAsText("name"));

        // each side still answers with its own half, and every route a side documents is in the gateway's
        // document: a side built with a route the committed document lacks fails here. The sides generate their
        // documents on first request, so all three are asked at once.
        Map<String, CompletableFuture<HttpResponse<String>>> ownDocuments = new TreeMap<>();
        sides.forEach((side, port) -> ownDocuments.put(
                side,
                HTTP.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())));
        Map<String, String> servedByTheSides = new TreeMap<>();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> ownDocument : ownDocuments.entrySet()) {
            String side = ownDocument.getKey();
            Map<String, String> own =
                    operations(Api.JSON.readTree(ownDocument.getValue().join().body()));
            assertThat(own).as("%s's own document", side).isNotEmpty().hasSizeLessThan(operations.size());
            assertThat(operations)
                    .as("the gateway's document has every operation %s documents", side)
                    .containsAllEntriesOf(own);
            servedByTheSides.putAll(own);
        }
        assertThat(servedByTheSides)
                .as("every operation of the document is served by one of the sides")
                .containsOnlyKeys(operations.keySet());
    }

    @Test
    void theGatewaysDocsLoadTheWholeDocument() {
        Api.Response docs = gateway.get("/docs");
        assertThat(docs.status()).as("%s", docs).isEqualTo(302);
        Api.Response page = gateway.get(docs.header("Location"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
        // Swagger UI comes from the query side and asks it where the document is: the gateway's own /openapi.json
        Api.Response configuration = gateway.get("/openapi.json/swagger-config");
        assertThat(configuration.status()).as("%s", configuration).isEqualTo(200);
        assertThat(configuration.json().path("url").asText()).isEqualTo("/openapi.json");
    }

    @Test
    void aGatewayWithoutTheDocumentSaysSoInsteadOfServingASidesHalf() throws IOException {
        Api incomplete = startGateway(
                "nginx-without-document", WORK.resolve("no-document").resolve("openapi.json"));

        Api.Response refused = incomplete.get("/openapi.json");

        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.error().path("code").asText()).isEqualTo("service_unavailable");
        Api.Response written = incomplete.post("/openapi.json", Map.of());
        assertThat(written.status()).as("%s", written).isEqualTo(405);
        assertThat(written.error().path("code").asText()).isEqualTo("method_not_allowed");
    }

    /** Every operation of a document as "METHOD path" and its operationId. */
    private static Map<String, String> operations(JsonNode document) {
        Map<String, String> operations = new TreeMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operations.put(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                operation.getValue().path("operationId").asText())));
        return operations;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** nginx as infra/gateway/nginx.conf configures it, in front of the sides, with the given document. */
    private static Api startGateway(String name, Path document) throws IOException {
        int port = TestInfrastructure.freePort();
        Path configuration = gatewayConfiguration(name, port, document);
        processes.add(new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        WORK.toString(),
                        "-e",
                        "stderr",
                        "-c",
                        configuration.toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile())
                .start());
        Api started = new Api("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> started.get("/health").header("Server") != null);
        return started;
    }

    /** The gateway passes the live streams through unbuffered, and upgrades the WebSocket (ADR 0031). */
    @Test
    void throughTheGatewayTheLiveStreamsCarryEachChangeAsItHappens() {
        Api.User annaUser = gateway.signUp();
        Api anna = gateway.as(annaUser);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + annaUser.token());
        try (LiveClients.EventStream sse = LiveClients.stream(gateway.baseUrl(), bearer, null);
                LiveClients.LiveSocket socket = LiveClients.socket(gateway.baseUrl(), bearer, "")) {
            assertThat(socket.next().path("type").asText()).isEqualTo("ready");
            String tool = anna.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://tools.example.com/c"))
                    .data()
                    .path("id")
                    .asText();

            assertThat(sse.next().json().path("resource").path("id").asText()).isEqualTo(tool);
            assertThat(socket.next().path("event").path("resource").path("id").asText())
                    .isEqualTo(tool);
        }
    }

    @Test
    void everyNodeAuthenticatesAnApiKeyFromItsOwnStoreListsItsUsesAndRefusesItOnceRevoked() {
        Api.User annaUser = gateway.signUp();
        Api anna = gateway.as(annaUser);
        String keys = "/api/organizations/" + annaUser.id() + "/api-keys";
        String tool = anna.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://tools.example.com/c"))
                .data()
                .path("id")
                .asText();
        String assistant = anna.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        Map<String, String> machine =
                apiKey(anna, keys, "Machine", List.of("config:read", "usage:write", "analytics:read"));
        Map<String, String> dashboards = apiKey(anna, keys, "Dashboards", List.of("analytics:read"));
        Map<String, String> runtime = apiKey(anna, keys, "Runtime", List.of("usage:write"));
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> reads = Map.of(
                "command-side",
                "/api/tools/" + tool + "/executions",
                "query-side",
                "/api/assistants",
                "analytics",
                "/api/analytics/assistants" + range);

        // the creation answered once the query side had the key; analytics takes it from the topic a moment later
        Api onAnalytics = withKey(nodes.get("analytics"), machine.get("key"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> onAnalytics.get(reads.get("analytics")).status() == 200);
        assertThat(withKey(nodes.get("query-side"), machine.get("key"))
                        .get(reads.get("query-side"))
                        .status())
                .isEqualTo(200);
        Api.Response reported = withKey(nodes.get("command-side"), machine.get("key"))
                .post(reads.get("command-side"), Map.of("duration_ms", 80, "success", true, "assistant_id", assistant));
        assertThat(reported.status()).as("%s", reported).isEqualTo(202);

        // a key used on one node alone shows its use in the list the query side serves
        await().atMost(Duration.ofSeconds(30))
                .until(() -> withKey(nodes.get("analytics"), dashboards.get("key"))
                                .get(reads.get("analytics"))
                                .status()
                        == 200);
        assertThat(withKey(nodes.get("command-side"), runtime.get("key"))
                        .post(
                                reads.get("command-side"),
                                Map.of("duration_ms", 80, "success", true, "assistant_id", assistant))
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = anna.get(keys).data();
            for (Map<String, String> key : List.of(machine, dashboards, runtime)) {
                assertThat(listed.findValues("id").stream()
                                .filter(id -> id.asText().equals(key.get("id"))))
                        .hasSize(1);
            }
            listed.forEach(key -> assertThat(key.path("last_used_at").isTextual())
                    .as("%s was used", key.path("name").asText())
                    .isTrue());
        });

        Api.Response revoked = anna.delete(keys + "/" + machine.get("id"));
        long answered = System.nanoTime();
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        // the command side stored the revocation, and its answer waited for the query side to show it
        for (String side : List.of("command-side", "query-side")) {
            Api.Response refused = withKey(nodes.get(side), machine.get("key")).get(reads.get(side));
            assertThat(refused.status()).as("%s: %s", side, refused).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> onAnalytics.get(reads.get("analytics")).status() == 401);
        System.out.printf(
                "analytics refused the revoked API key %d ms after the revocation was answered%n",
                Duration.ofNanos(System.nanoTime() - answered).toMillis());
    }

    @Test
    void everyNodeRefusesATokenSignedOutWithAndEveryTokenOlderThanAPasswordChange() {
        Api.User ada = gateway.signUp();
        String otherDevice = gateway.login(ada.email(), ada.password());
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> reads = Map.of(
                "command-side", "/api/organizations",
                "query-side", "/api/users/me",
                "analytics", "/api/analytics/assistants" + range);
        // the command side: opening an organization without a name is refused by its shape (400), after the token
        assertThat(withToken(nodes.get("command-side"), ada.token())
                        .post(reads.get("command-side"), Map.of())
                        .status())
                .isEqualTo(400);
        for (String side : List.of("query-side", "analytics")) {
            assertThat(withToken(nodes.get(side), ada.token())
                            .get(reads.get(side))
                            .status())
                    .as(side)
                    .isEqualTo(200);
        }

        Api.Response signedOut = gateway.as(ada).post("/api/users/me/sign-out", Map.of());
        long answered = System.nanoTime();
        assertThat(signedOut.status()).as("%s", signedOut).isEqualTo(200);
        assertThat(withToken(nodes.get("command-side"), ada.token())
                        .post(reads.get("command-side"), Map.of())
                        .status())
                .as("the command side, from the next request")
                .isEqualTo(401);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> List.of("query-side", "analytics").stream()
                        .allMatch(side -> withToken(nodes.get(side), ada.token())
                                        .get(reads.get(side))
                                        .status()
                                == 401));
        System.out.printf(
                "the read sides refused the signed-out token %d ms after the sign-out was answered%n",
                Duration.ofNanos(System.nanoTime() - answered).toMillis());
        for (String side : List.of("query-side", "analytics")) {
            assertThat(withToken(nodes.get(side), otherDevice)
                            .get(reads.get(side))
                            .status())
                    .as("%s: the other device's token", side)
                    .isEqualTo(200);
        }

        Api.Response changed = withToken(gateway, otherDevice)
                .post(
                        "/api/users/me/password",
                        Map.of("current_password", ada.password(), "new_password", "staple battery horse"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        String fresh = changed.data().path("access_token").asText();
        // the change answered once the query side, read with the new token, showed it
        assertThat(withToken(nodes.get("query-side"), otherDevice)
                        .get(reads.get("query-side"))
                        .status())
                .isEqualTo(401);
        assertThat(withToken(nodes.get("query-side"), fresh)
                        .get(reads.get("query-side"))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> withToken(nodes.get("analytics"), otherDevice)
                                .get(reads.get("analytics"))
                                .status()
                        == 401);
        assertThat(withToken(nodes.get("analytics"), fresh)
                        .get(reads.get("analytics"))
                        .status())
                .isEqualTo(200);
    }

    /**
     * The read sides refuse the person's tokens from the erasure's record on (ErasureRequested, ADR 0046), not from its
     * end: here it cannot end, the deletion of the person's organization being refused by the database, and every
     * node refuses the token anyway.
     */
    @Test
    void everyNodeRefusesTheTokensOfAPersonWhoseErasureIsUnderWay() throws Exception {
        Api.User ada = gateway.signUp();
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> reads =
                Map.of("query-side", "/api/users/me", "analytics", "/api/analytics/assistants" + range);
        for (String side : reads.keySet()) {
            assertThat(withToken(nodes.get(side), ada.token())
                            .get(reads.get(side))
                            .status())
                    .as(side)
                    .isEqualTo(200);
        }
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE FUNCTION command." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$");
        execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON command.domain_event_entry FOR EACH ROW WHEN "
                + "(NEW.aggregate_identifier LIKE '%" + ada.id()
                + "' AND NEW.payload_type LIKE '%.OrganizationDeleted') "
                + "EXECUTE FUNCTION command." + trigger + "()");
        try {
            Api.Response erasure = gateway.as(ada)
                    .send("DELETE", "/api/users/me", Map.of("password", ada.password()), "application/json");
            long answered = System.nanoTime();
            assertThat(erasure.status()).as("%s", erasure).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> reads.keySet().stream()
                            .allMatch(side -> withToken(nodes.get(side), ada.token())
                                            .get(reads.get(side))
                                            .status()
                                    == 401));
            System.out.printf(
                    "the read sides refused the token of a person being erased %d ms after the erasure was answered%n",
                    Duration.ofNanos(System.nanoTime() - answered).toMillis());
        } finally {
            execute("DROP TRIGGER " + trigger + " ON command.domain_event_entry");
            execute("DROP FUNCTION command." + trigger + "()");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            connection.createStatement().execute(sql);
        }
    }

    private static Api withToken(Api node, String token) {
        return node.withHeader("Authorization", "Bearer " + token);
    }

    /** A new key of {@code keys}' organization: its {@code id} and its secret {@code key}. */
    private static Map<String, String> apiKey(Api admin, String keys, String name, List<String> scopes) {
        Api.Response created = admin.post(keys, Map.of("name", name, "scopes", scopes));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return Map.of(
                "id",
                created.data().path("id").asText(),
                "key",
                created.data().path("key").asText());
    }

    private static Api withKey(Api node, String key) {
        return node.withHeader("Authorization", "Bearer " + key);
    }

    private static void start(String side, int port, Map<String, String> shared, Map<String, String> own)
            throws IOException {
        Path application = layout(side);
        // the image's command but for the JIT and the collector: C1 alone and the serial collector suit a JVM that
        // starts and answers a handful of requests, and halve the start of three of them side by side on two cores
        ProcessBuilder builder = new ProcessBuilder(
                        javaCommand(),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "org.springframework.boot.loader.launch.JarLauncher")
                .directory(application.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(side + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(shared);
        environment.putAll(own);
        environment.put("PORT", String.valueOf(port));
        environment.put("SPRING_APPLICATION_NAME", side);
        processes.add(builder.start());
    }

    /**
     * What the side's image holds in {@code /app}: the runnable jar extracted into its layers
     * ({@code -Djarmode=tools extract --layers --launcher}), the layers copied one over the other.
     */
    private static Path layout(String side) throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("../..", side, "target"))) {
            jar = jars.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(side + "'s runnable jar is not built"));
        }
        Path layers = WORK.resolve(side + "-layers");
        Process extract = new ProcessBuilder(
                        javaCommand(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--layers",
                        "--launcher",
                        "--destination",
                        layers.toString())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(side + "-extract.log").toFile())
                .start();
        assertThat(extract.onExit().join().exitValue()).as("extracting %s", jar).isZero();
        Path application = WORK.resolve(side);
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), application);
        }
        return application;
    }

    private static Path gatewayConfiguration(String name, int gatewayPort, Path document) throws IOException {
        String configuration = Files.readString(GATEWAY_CONFIGURATION);
        Map<String, String> replacements = new HashMap<>(Map.of(
                "http://command-side:8081", "http://127.0.0.1:" + sides.get("command-side"),
                "http://query-side:8082", "http://127.0.0.1:" + sides.get("query-side"),
                "http://analytics:8083", "http://127.0.0.1:" + sides.get("analytics"),
                "listen 8080;", "listen 127.0.0.1:" + gatewayPort + ";",
                "pid /tmp/nginx.pid;", "pid " + WORK.resolve(name + ".pid") + ";",
                // where docker-compose.yml mounts clients/typescript
                "/srv/api-document/openapi.json",
                        document.toAbsolutePath().normalize().toString()));
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(configuration)
                    .as("infra/gateway/nginx.conf as this test knows it")
                    .contains(replacement.getKey());
            configuration = configuration.replace(replacement.getKey(), replacement.getValue());
        }
        Path file = WORK.resolve(name + ".conf");
        Files.writeString(file, configuration);
        return file;
    }

    /** As the images' health check: started, and the database answers. */
    private static void awaitReady(int port) {
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3))
                .build();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .failFast("a side exited", () -> processes.stream().anyMatch(process -> !process.isAlive()))
                .until(() -> HTTP.send(readiness, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyInto(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
