package io.voicepartner.command.eventstore;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The command side's schema and how Flyway migrates it: one definition for the command side, which migrates it
 * when it starts, and for the operators' restore, which creates it at the version a backup was taken at.
 */
public final class CommandSchema {

    public static final String NAME = "command";

    private CommandSchema() {}

    /** Flyway for the schema, without its data source. */
    public static FluentConfiguration flyway() {
        return Flyway.configure().schemas(NAME).defaultSchema(NAME).locations("classpath:db/command");
    }
}
