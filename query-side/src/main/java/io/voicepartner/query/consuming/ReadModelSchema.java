package io.voicepartner.query.consuming;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read models live in their own schema, migrated by Flyway; the event store is not the query side's. */
@Configuration(proxyBeanMethods = false)
class ReadModelSchema {

    static final String SCHEMA = "query";

    @Bean
    FlywayMigrationInitializer querySchemaMigration(DataSource dataSource) {
        return new FlywayMigrationInitializer(Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/query")
                .load());
    }
}
