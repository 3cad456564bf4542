package io.voicepartner.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.command.eventstore.CommandDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code V27} cuts the causes of events parked before causes were scrubbed of values (ADR 0043) to their exception's
 * type, so that an address a message quoted does not outlive the person's erasure; a cause that only says what an event
 * waits behind is the platform's own and stays.
 */
class StoredCausesMigrationTest {

    @Test
    void aCauseStoredBeforeKeepsItsTypeAlone() {
        try (CommandDatabase database = CommandDatabase.createAt("26")) {
            database.jdbc()
                    .sql(
                            "INSERT INTO command.parked_events (global_index, aggregate_id, event_type, cause, "
                                    + "waiting_behind) VALUES (1, 'user-1', 'UserRegistered', "
                                    + "'JsonMappingException: Unrecognized token ''ada@example.com''', NULL), "
                                    + "(2, 'user-1', 'PasswordChanged', 'waiting behind the parked event at global position 1', 1)")
                    .update();

            database.migrate();

            assertThat(database.jdbc()
                            .sql("SELECT cause FROM command.parked_events ORDER BY global_index")
                            .query(String.class)
                            .list())
                    .containsExactly(
                            "JsonMappingException: stored before causes were kept without values",
                            "waiting behind the parked event at global position 1");
        }
    }
}
