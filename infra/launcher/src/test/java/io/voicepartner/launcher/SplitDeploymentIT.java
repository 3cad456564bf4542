package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The split deployment as {@code docker-compose.yml} runs it, without a Docker engine: the command side, the
 * query side and analytics as three processes of their own on their own ports, each started from its runnable
 * jar extracted into layers and laid out as its image does ({@code infra/docker/*.Dockerfile}), against one
 * database and one broker, behind nginx configured by {@code infra/gateway/nginx.conf} with only the sides'
 * addresses, its port and its pid file changed.
 */
class SplitDeploymentIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path WORK = Path.of("target/split-deployment").toAbsolutePath();
    private static final Path GATEWAY_CONFIGURATION = Path.of("../gateway/nginx.conf");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final List<Process> processes = new ArrayList<>();
    private static LocalKafka kafka;
    private static Api gateway;

    @BeforeAll
    static void startTheSidesAndTheGateway() throws IOException {
        assertThat(NGINX).as("nginx from Debian's packages: run infra/scripts/ensure-nginx").exists();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        kafka = LocalKafka.start(0);
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();

        int commandPort = TestInfrastructure.freePort();
        int queryPort = TestInfrastructure.freePort();
        int analyticsPort = TestInfrastructure.freePort();
        Map<String, String> shared = Map.of(
                // the form docker-compose.yml gives, which the sides turn into a JDBC address
                "DATABASE_URL", database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + database.username()
                        + (database.password().isEmpty() ? "" : ":" + database.password()) + "@"),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SECRET_KEY", TestKeys.TOKEN_KEY,
                "FILE_STORAGE_DIR", WORK.resolve("files").toString(),
                // the first write waits for the query side's consumers to join their group: a busy CI machine
                // would answer it 202 after the default 2 s, and this test is about the path, not the bound
                "READ_YOUR_WRITES_TIMEOUT", "30s");
        start("command-side", commandPort, shared, Map.of(
                "SECRETS_KEY", TestKeys.SECRETS_KEY,
                "QUERY_SIDE_URL", "http://127.0.0.1:" + queryPort));
        start("query-side", queryPort, shared, Map.of());
        start("analytics", analyticsPort, shared, Map.of());
        for (int port : List.of(commandPort, queryPort, analyticsPort)) {
            awaitReady(port);
        }

        int gatewayPort = TestInfrastructure.freePort();
        Path configuration = gatewayConfiguration(commandPort, queryPort, analyticsPort, gatewayPort);
        processes.add(new ProcessBuilder(NGINX.toString(), "-p", WORK.toString(), "-e", "stderr",
                "-c", configuration.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(WORK.resolve("nginx.log").toFile()).start());
        gateway = new Api("http://127.0.0.1:" + gatewayPort);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> gateway.get("/health").header("Server") != null);
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
        assertThat(read.data().path("revision").asLong()).isEqualTo(created.data().path("revision").asLong());
        Api.Response list = alice.get("/api/assistants?limit=10");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().findValuesAsText("id")).containsExactly(id);

        // analytics: the third process, from the topics
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + today;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode figures = alice.get("/api/analytics/assistants" + range).data();
            assertThat(figures.findValues("created")).extracting(JsonNode::asInt).containsExactly(1);
        });

        // the edge serves no operational endpoint; each side does, directly
        assertThat(gateway.get("/actuator/prometheus").status()).isEqualTo(404);
    }

    private static void start(String side, int port, Map<String, String> shared, Map<String, String> own)
            throws IOException {
        Path application = layout(side);
        // the image's command but for the JIT and the collector: C1 alone and the serial collector suit a JVM that
        // starts and answers a handful of requests, and halve the start of three of them side by side on two cores
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "org.springframework.boot.loader.launch.JarLauncher")
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
            jar = jars.filter(path -> path.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(side + "'s runnable jar is not built"));
        }
        Path layers = WORK.resolve(side + "-layers");
        Process extract = new ProcessBuilder(javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--layers", "--launcher", "--destination", layers.toString())
                .redirectErrorStream(true).redirectOutput(WORK.resolve(side + "-extract.log").toFile()).start();
        assertThat(extract.onExit().join().exitValue()).as("extracting %s", jar).isZero();
        Path application = WORK.resolve(side);
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), application);
        }
        return application;
    }

    private static Path gatewayConfiguration(int commandPort, int queryPort, int analyticsPort, int gatewayPort)
            throws IOException {
        String configuration = Files.readString(GATEWAY_CONFIGURATION);
        Map<String, String> replacements = new HashMap<>(Map.of(
                "http://command-side:8081", "http://127.0.0.1:" + commandPort,
                "http://query-side:8082", "http://127.0.0.1:" + queryPort,
                "http://analytics:8083", "http://127.0.0.1:" + analyticsPort,
                "listen 8080;", "listen 127.0.0.1:" + gatewayPort + ";",
                "pid /tmp/nginx.pid;", "pid " + WORK.resolve("nginx.pid") + ";"));
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(configuration).as("infra/gateway/nginx.conf as this test knows it").contains(replacement.getKey());
            configuration = configuration.replace(replacement.getKey(), replacement.getValue());
        }
        Path file = WORK.resolve("nginx.conf");
        Files.writeString(file, configuration);
        return file;
    }

    /** As the images' health check: started, and the database answers. */
    private static void awaitReady(int port) {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3)).build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("a side exited", () -> processes.stream().anyMatch(process -> !process.isAlive()))
                .until(() -> HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
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
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
