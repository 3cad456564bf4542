package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The deployment {@code infra/scripts/cluster} starts (two command-side nodes, two query-side nodes, analytics, three
 * Kafka brokers and nginx), run by the script itself on ports, a directory and a database of this test's own, with
 * the means to kill, pause and resume its processes by the pid files the script keeps.
 */
final class LocalCluster implements AutoCloseable {

    private static final Path SCRIPT =
            Path.of("../scripts/cluster").toAbsolutePath().normalize();

    static final List<String> COMMAND_NODES = List.of("command-1", "command-2");
    static final List<String> QUERY_NODES = List.of("query-1", "query-2");

    private final Path directory;
    private final int base;
    private final int gatewayPort;
    private final TestInfrastructure.Database database;
    private final Map<String, String> environment;

    private LocalCluster(
            Path directory,
            int base,
            int gatewayPort,
            TestInfrastructure.Database database,
            Map<String, String> environment) {
        this.directory = directory;
        this.base = base;
        this.gatewayPort = gatewayPort;
        this.database = database;
        this.environment = environment;
    }

    /** Starts the whole cluster, {@code more} added to the nodes' environment. */
    static LocalCluster start(Map<String, String> more) {
        Path directory = Path.of("target/cluster").toAbsolutePath();
        deleteRecursively(directory);
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        int base = freeBase();
        int gatewayPort = ChildKafka.freePort();
        Map<String, String> environment = new HashMap<>(more);
        environment.put("CLUSTER_DIR", directory.toString());
        environment.put("CLUSTER_PORT_BASE", Integer.toString(base));
        environment.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        // the jars this build made; the script builds only what ./mvnw has not
        environment.put("CLUSTER_SKIP_BUILD", "true");
        environment.put(
                "DATABASE_URL",
                database.jdbcUrl()
                        .replace(
                                "jdbc:postgresql://",
                                "postgresql://" + database.username()
                                        + (database.password().isEmpty() ? "" : ":" + database.password()) + "@"));
        environment.put("SECRET_KEY", TestKeys.TOKEN_KEY);
        environment.put("SECRETS_KEY", TestKeys.SECRETS_KEY);
        environment.put("API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY);
        // the java of this build, whatever the PATH says
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        LocalCluster cluster = new LocalCluster(directory, base, gatewayPort, database, environment);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        awaitRoomFor(database, 30);
        cluster.script("start");
        return cluster;
    }

    /** {@code infra/scripts/cluster start}: starts whatever is not running, and waits until it is ready. */
    void startWhatIsDown() {
        script("start");
    }

    private void script(String command) {
        try {
            Files.createDirectories(directory);
            ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("script.log").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            assertThat(process.waitFor(8, TimeUnit.MINUTES))
                    .as("cluster %s within 8 minutes", command)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("cluster %s: %s", command, Files.readString(directory.resolve("script.log")))
                    .isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Api gateway() {
        return new Api("http://127.0.0.1:" + gatewayPort);
    }

    /** One node directly, past the gateway. */
    Api node(String name) {
        return new Api("http://127.0.0.1:" + port(name));
    }

    int port(String name) {
        return switch (name) {
            case "command-1" -> base + 1;
            case "command-2" -> base + 2;
            case "query-1" -> base + 11;
            case "query-2" -> base + 12;
            case "analytics" -> base + 21;
            default -> {
                if (name.startsWith("kafka-")) {
                    yield base + 30 + Integer.parseInt(name.substring("kafka-".length()));
                }
                throw new IllegalArgumentException(name);
            }
        };
    }

    String bootstrapServers() {
        return "127.0.0.1:" + (base + 31) + ",127.0.0.1:" + (base + 32) + ",127.0.0.1:" + (base + 33);
    }

    TestInfrastructure.Database database() {
        return database;
    }

    long pid(String name) {
        try {
            return Long.parseLong(
                    Files.readString(directory.resolve(name + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no leaving the consumer group, no releasing the publisher's claim. */
    void kill(String name) {
        ProcessHandle process = ProcessHandle.of(pid(name)).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    /** SIGSTOP or SIGCONT: the process stays, and its connections with it, but it does nothing meanwhile. */
    void signal(String name, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid(name))).start();
            assertThat(kill.waitFor()).as("kill -%s %s", signal, name).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The node that holds the claim of a command-side processor's segment 0 (its token's owner is pid@host). */
    Optional<String> claimant(String processor) {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT owner FROM command.token_entry" + " WHERE processor_name = ? AND segment = 0")) {
            statement.setString(1, processor);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getString(1) == null) {
                    return Optional.empty();
                }
                long owner = Long.parseLong(rows.getString(1).split("@")[0]);
                return COMMAND_NODES.stream().filter(node -> pid(node) == owner).findFirst();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (Files.exists(directory.resolve("ports"))) {
            script("stop");
        }
    }

    /**
     * Waits (bounded) until the shared server has {@code connections} to spare: five pools open all their connections
     * at start, and a node that cannot get one exits, which on a machine where other builds' platforms hold most of
     * the server's 100 connections would fail the test for their sake rather than its own.
     */
    private static void awaitRoomFor(TestInfrastructure.Database database, int connections) {
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection connection = DriverManager.getConnection(
                                    database.jdbcUrl(), database.username(), database.password());
                            PreparedStatement statement = connection.prepareStatement(
                                    "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity");
                            ResultSet rows = statement.executeQuery()) {
                        return rows.next() && rows.getInt(1) >= connections;
                    }
                });
    }

    /** A base port whose 50 ports above are free: the nodes, brokers and controllers take some of them. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports");
    }

    private static boolean allFree(int base) {
        for (int port = base; port <= base + 50; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
