package io.voicepartner.analytics.consuming;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A throwaway database on the local PostgreSQL ({@code TEST_DATABASE_URL}, default {@code 127.0.0.1:5432} as
 * {@code postgres}) holding the analytics tables as the module's own Flyway migrations make them, for tests of the
 * facts and figures against the real thing without a platform around them. One per test class: open it in
 * {@code @BeforeAll}, {@link #close} it in {@code @AfterAll}, which drops it.
 */
public final class AnalyticsDatabase implements AutoCloseable {

    private static final String SERVER =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final String name;
    private final HikariDataSource dataSource;

    private AnalyticsDatabase(String name) {
        this.name = name;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(pool);
    }

    /** A new database with the analytics schema migrated. */
    public static AnalyticsDatabase create() {
        String name = "analytics_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        AnalyticsDatabase database = new AnalyticsDatabase(name);
        database.recreate();
        return database;
    }

    /** Drops the analytics tables and makes them again, empty, as {@code ANALYTICS_REBUILD} does. */
    public void recreate() {
        AnalyticsSchema.recreate(dataSource);
    }

    /** Empties the facts, which is cheaper than {@link #recreate} between tests. */
    public void truncate() {
        jdbc().sql("TRUNCATE analytics.assistants_created, analytics.tool_executions, analytics.file_uploads, "
                        + "analytics.calls")
                .update();
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transaction() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
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
