package io.voicepartner.launcher;

import io.voicepartner.support.persistence.DatabaseEnvironment;
import io.voicepartner.support.persistence.DatabaseUrl;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The platform's database for the operators' commands, from {@code DATABASE_URL} as the platform reads it. */
final class PlatformDatabase {

    /** Where it is and who to connect as. */
    record Target(String jdbcUrl, String name, String user, String password) {}

    private PlatformDatabase() {}

    static Target target(Map<String, String> environment) {
        String url = environment.get("DATABASE_URL");
        DatabaseUrl database =
                DatabaseUrl.parse(url == null || url.isBlank() ? DatabaseEnvironment.LOCAL_DATABASE : url);
        return new Target(
                database.jdbcUrl(),
                database.databaseName(),
                database.username().orElse(DatabaseEnvironment.LOCAL_USER),
                database.password().orElse(null));
    }

    static Connection connect(Map<String, String> environment, PrintStream out) throws SQLException {
        Target target = target(environment);
        out.println("Database: " + target.name());
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }
}
