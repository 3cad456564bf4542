package io.voicepartner.support.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code DATABASE_URL} (either form) into the datasource settings, defaulting to the local
 * server's {@code voicepartner} database as user {@code postgres}, and, unless
 * {@code voicepartner.database.create-if-missing=false}, creates the database when the server lacks it,
 * so that a first start on a fresh machine needs no manual step.
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor {

    public static final String LOCAL_DATABASE = "jdbc:postgresql://127.0.0.1:5432/voicepartner";
    public static final String LOCAL_USER = "postgres";

    private final Log log;

    public DatabaseEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "local database",
                        Map.of("spring.datasource.url", LOCAL_DATABASE, "spring.datasource.username", LOCAL_USER)));
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
            Map<String, Object> settings = new HashMap<>();
            settings.put("spring.datasource.url", parsed.jdbcUrl());
            parsed.username().ifPresent(username -> settings.put("spring.datasource.username", username));
            parsed.password().ifPresent(password -> settings.put("spring.datasource.password", password));
            environment.getPropertySources().addFirst(new MapPropertySource("DATABASE_URL", settings));
        }
        String jdbcUrl = environment.getProperty("spring.datasource.url");
        if (jdbcUrl != null
                && jdbcUrl.startsWith("jdbc:postgresql:")
                && environment.getProperty("voicepartner.database.create-if-missing", Boolean.class, true)) {
            createIfMissing(
                    DatabaseUrl.parse(jdbcUrl),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
        }
    }

    private void createIfMissing(DatabaseUrl url, String username, String password) {
        Properties credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        String name = url.databaseName();
        try (Connection connection = DriverManager.getConnection(url.maintenanceJdbcUrl(), credentials);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                log.info("Created database " + name);
            }
        } catch (SQLException e) {
            // the datasource reports the real problem (server down, wrong credentials) when it first connects
            log.warn("Could not make sure database " + name + " exists: " + e.getMessage());
        }
    }
}
