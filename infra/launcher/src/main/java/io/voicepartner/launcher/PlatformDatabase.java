package io.voicepartner.launcher;

import io.voicepartner.support.persistence.DatabaseEnvironment;
import io.voicepartner.support.persistence.DatabaseUrl;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** The platform's database for the operators' commands, from {@code DATABASE_URL} as the platform reads it. */
final class PlatformDatabase {

    private PlatformDatabase() {}

    static Connection connect(Map<String, String> environment, PrintStream out) throws SQLException {
        String url = environment.get("DATABASE_URL");
        DatabaseUrl database =
                DatabaseUrl.parse(url == null || url.isBlank() ? DatabaseEnvironment.LOCAL_DATABASE : url);
        Properties credentials = new Properties();
        credentials.setProperty("user", database.username().orElse(DatabaseEnvironment.LOCAL_USER));
        database.password().ifPresent(password -> credentials.setProperty("password", password));
        out.println("Database: " + database.databaseName());
        return DriverManager.getConnection(database.jdbcUrl(), credentials);
    }
}
