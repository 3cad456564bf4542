package io.voicepartner.command.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A throwaway database on the local PostgreSQL ({@code TEST_DATABASE_URL}, default {@code 127.0.0.1:5432} as
 * {@code postgres}) holding the command side's schema as its own migrations make it ({@link CommandSchema}), for
 * tests of its tables against the real thing without a platform around them. Open one per test class, close it
 * after, which drops it.
 */
public final class CommandDatabase implements AutoCloseable {

    private static final String SERVER =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String name;
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    private CommandDatabase(String name) {
        this.name = name;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(pool);
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A new database with the command schema migrated, as the command side migrates it at start-up. */
    public static CommandDatabase create() {
        return createAt("latest");
    }

    /**
     * A new database with the command schema migrated up to {@code version} (a migration's version, or {@code
     * latest}), for a test of a later migration on data written before it: {@link #migrate} then takes it further.
     */
    public static CommandDatabase createAt(String version) {
        String name = "cs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        CommandDatabase database = new CommandDatabase(name);
        CommandSchema.flyway()
                .dataSource(database.dataSource)
                .target(version)
                .load()
                .migrate();
        return database;
    }

    /** Migrates the schema to the latest version. */
    public void migrate() {
        CommandSchema.flyway().dataSource(dataSource).load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public TransactionTemplate transaction() {
        return transaction;
    }

    @Override
    public void close() {
        dataSource.close();
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
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
