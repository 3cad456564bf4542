package io.voicepartner.analytics.consuming;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analytics tables live in their own schema, migrated by their own Flyway history. */
@Configuration(proxyBeanMethods = false)
class AnalyticsSchema {

    static final String SCHEMA = "analytics";

    @Bean
    FlywayMigrationInitializer analyticsSchemaMigration(DataSource dataSource) {
        return new FlywayMigrationInitializer(flyway(dataSource));
    }

    /** Drops every analytics table (and the schema's history) and creates them again, empty. */
    static void recreate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        flyway.clean();
        flyway.migrate();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/analytics")
                // a rebuild drops this schema on purpose, and only this one
                .cleanDisabled(false)
                .load();
    }
}
