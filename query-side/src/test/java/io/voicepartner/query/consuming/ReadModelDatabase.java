package io.voicepartner.query.consuming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.voicepartner.query.webhook.ErasedActors;
import io.voicepartner.support.json.JsonConventions;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A throwaway database on the local PostgreSQL ({@code TEST_DATABASE_URL}, default {@code 127.0.0.1:5432} as
 * {@code postgres}) holding the read models as the query side's own Flyway migrations make them, for tests of the
 * projectors and reads against the real thing without a platform around them. One per test class: open it in
 * {@code @BeforeAll}, {@link #close} it in {@code @AfterAll}, which drops it.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private static final String SERVER =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    /** The packages of the read models, each with its projectors and rows. */
    private static final String[] FEATURES = {
        "io.voicepartner.query.assistant",
        "io.voicepartner.query.tool",
        "io.voicepartner.query.file",
        "io.voicepartner.query.phonenumber",
        "io.voicepartner.query.user",
        "io.voicepartner.query.organization",
        "io.voicepartner.query.history",
        "io.voicepartner.query.audit",
        "io.voicepartner.query.actor",
        "io.voicepartner.query.event"
    };

    private final String name;
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    private ReadModelDatabase(String name) {
        this.name = name;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(pool);
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A new database with the read-model schema migrated, as {@link ReadModelSchema} migrates it at start-up. */
    public static ReadModelDatabase create() {
        String name = "qs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        ReadModelDatabase database = new ReadModelDatabase(name);
        Flyway.configure()
                .dataSource(database.dataSource)
                .schemas(ReadModelSchema.SCHEMA)
                .defaultSchema(ReadModelSchema.SCHEMA)
                .locations("classpath:db/query")
                .load()
                .migrate();
        return database;
    }

    /**
     * Every projector of the query side, wired as the application wires them (their rows and the platform's JSON
     * dialect) but without the rest of the application: what the live consumer and a rebuild apply events with.
     */
    public List<Projector> projectors() {
        return List.copyOf(components(Projector.class));
    }

    /** Every journal of the query side ({@link Journal}), wired as the application wires them. */
    public List<Journal> journals() {
        return List.copyOf(components(Journal.class));
    }

    /** One repository of the query side (its reads), wired as the application wires it. */
    public <T> T repository(Class<T> type) {
        return components(type).iterator().next();
    }

    private <T> Collection<T> components(Class<T> type) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(JdbcClient.class, () -> jdbc);
            context.registerBean(ObjectMapper.class, JsonConventions::newObjectMapper);
            context.registerBean(
                    PersonalData.class, () -> new PersonalData(new PersonalDataKeys(jdbc, KeyWrapping.development())));
            // the users' projector takes an erased person's address out of the webhook deliveries, a package apart
            context.registerBean(ErasedActors.class, () -> new ErasedActors(jdbc));
            ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, false);
            scanner.addIncludeFilter(new AssignableTypeFilter(Projector.class));
            scanner.addIncludeFilter(new AssignableTypeFilter(Journal.class));
            scanner.addIncludeFilter(new AnnotationTypeFilter(Repository.class));
            scanner.scan(FEATURES);
            context.refresh();
            return context.getBeansOfType(type).values();
        }
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

    /**
     * Runs the work as the live consumer runs a projector: in a transaction whose unqualified table names are the
     * served tables' ({@link ProjectionSchema}).
     */
    public void project(Runnable work) {
        transaction.executeWithoutResult(status -> {
            ProjectionSchema.writeTo(jdbc, ProjectionSchema.SERVED);
            work.run();
        });
    }

    /** Empties every read-model table, for a test that wants to start from nothing. */
    public void truncateReadModels() {
        String tables = String.join(
                ", ",
                jdbc.sql("SELECT 'query.' || tablename FROM pg_tables "
                                + "WHERE schemaname = 'query' AND tablename NOT LIKE 'flyway%'")
                        .query(String.class)
                        .list());
        jdbc.sql("TRUNCATE " + tables).update();
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
