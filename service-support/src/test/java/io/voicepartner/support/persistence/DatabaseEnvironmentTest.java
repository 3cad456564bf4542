package io.voicepartner.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * What a start does with {@code DATABASE_URL}, against the local PostgreSQL ({@code 127.0.0.1:5432} as
 * {@code postgres}): the {@code postgresql://} form configures the datasource, and a database the server lacks is
 * created, so that a first start on a fresh machine needs no manual step.
 */
class DatabaseEnvironmentTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String name =
            "support_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DatabaseEnvironment databases = new DatabaseEnvironment(Supplier::get);

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void thePostgresqlFormConfiguresTheDatasourceAndTheMissingDatabaseIsCreated() throws SQLException {
        MockEnvironment environment =
                new MockEnvironment().withProperty("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + name);
        assertThat(exists(name)).isFalse();

        databases.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + name);
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
        assertThat(exists(name)).isTrue();
    }

    @Test
    void anExistingDatabaseIsUsedAsItIs() throws SQLException {
        MockEnvironment environment =
                new MockEnvironment().withProperty("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + name);
        databases.postProcessEnvironment(environment, new SpringApplication());

        databases.postProcessEnvironment(environment, new SpringApplication());

        assertThat(exists(name)).isTrue();
    }

    @Test
    void nothingIsCreatedWhenCreationIsTurnedOff() throws SQLException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + name)
                .withProperty("voicepartner.database.create-if-missing", "false");

        databases.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).endsWith("/" + name);
        assertThat(exists(name)).isFalse();
    }

    @Test
    void withoutDatabaseUrlItIsTheLocalServersVoicepartnerDatabase() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("voicepartner.database.create-if-missing", "false");

        databases.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(DatabaseEnvironment.LOCAL_DATABASE);
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }
}
