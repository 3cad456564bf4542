package io.voicepartner.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command side as it runs on its own (the split deployment), on a random port and on a database of its own on
 * the local PostgreSQL ({@code TEST_DATABASE_URL}, default {@code 127.0.0.1:5432} as {@code postgres}), created for
 * this test JVM and dropped at its exit: for tests of what the command side stores and answers, without the query
 * side or a broker. There is no read side to read a write back from, so a write that answers what a read shows
 * answers {@code 202} here. No broker listens at the address it is given, so the publisher only keeps retrying,
 * which these tests do not look at. Every test class extending it shares one running command side.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningCommandSide {

    @LocalServerPort
    private int port;

    private static final String SERVER =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String NAME =
            created("cs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));

    /** The API on this command side's port. */
    protected HttpApi api() {
        return new HttpApi(port);
    }

    @DynamicPropertySource
    static void commandSide(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + NAME);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "");
        properties.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
        properties.add("voicepartner.security.secret-key", () -> randomKey(48));
        properties.add("voicepartner.secrets.key", () -> randomKey(32));
        properties.add("voicepartner.api-keys.hash-key", () -> randomKey(48));
        properties.add("voicepartner.files.storage-dir", RunningCommandSide::storageDirectory);
        // the tests sign up more users from one address than a client may in a minute
        properties.add("voicepartner.sign-up.per-client-per-minute", () -> "1000");
    }

    private static String created(String name) {
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return name;
    }

    /**
     * The command side closes in a shutdown hook of its own, at the same time as this one: the database is dropped
     * once its connections are gone, and forced only if they linger.
     */
    private static void drop(String name) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                execute("DROP DATABASE IF EXISTS " + name);
                return;
            } catch (IllegalStateException stillInUse) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String storageDirectory() {
        try {
            return Files.createTempDirectory("command-side-files-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the test PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
