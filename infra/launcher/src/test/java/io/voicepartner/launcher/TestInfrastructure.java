package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real PostgreSQL and Kafka the integration tests run against, once per test JVM: containers where a
 * Docker engine is available, otherwise a fresh database on the local server ({@code TEST_DATABASE_URL},
 * default {@code 127.0.0.1:5432} as {@code postgres}) and an in-JVM KRaft broker.
 */
final class TestInfrastructure {

    record Database(String jdbcUrl, String username, String password) {

        /** Points the platform under test at this database. */
        void register(DynamicPropertyRegistry properties) {
            properties.add("spring.datasource.url", this::jdbcUrl);
            properties.add("spring.datasource.username", this::username);
            properties.add("spring.datasource.password", this::password);
        }
    }

    private static Database database;
    private static String kafkaBootstrapServers;
    private static Path fileStorage;

    private TestInfrastructure() {}

    /** The database the shared platform of {@link PlatformIT} runs on. */
    static synchronized Database database() {
        if (database == null) {
            database = newDatabase();
        }
        return database;
    }

    /** A database no other test uses, for a test that needs a platform of its own. */
    static Database newDatabase() {
        return dockerAvailable() ? containerDatabase() : freshLocalDatabase();
    }

    static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            if (dockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.9.1");
                kafka.start();
                kafkaBootstrapServers = kafka.getBootstrapServers();
            } else {
                LocalKafka kafka = LocalKafka.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
                kafkaBootstrapServers = kafka.bootstrapServers();
            }
        }
        return kafkaBootstrapServers;
    }

    /** Where the platform under test stores uploaded files: a directory of this run's own, removed at exit. */
    static synchronized String fileStorageDirectory() {
        if (fileStorage == null) {
            try {
                fileStorage = Files.createTempDirectory("voicepartner-files-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(fileStorage)));
        }
        return fileStorage.toString();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is the system's to clean
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Database containerDatabase() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        postgres.start();
        return new Database(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    /** A database of its own for this run, dropped when the JVM exits, so runs never see each other's data. */
    private static Database freshLocalDatabase() {
        String server = System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String name = "voicepartner_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name)));
        return new Database(server.substring(0, server.lastIndexOf('/') + 1) + name, "postgres", "");
    }

    /**
     * The platforms under test close in shutdown hooks of their own, at the same time as this one: the
     * database is dropped once their connections are gone, and forced only if they linger.
     */
    private static void drop(String server, String name) {
        try {
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        execute(server, "DROP DATABASE IF EXISTS " + name);
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
