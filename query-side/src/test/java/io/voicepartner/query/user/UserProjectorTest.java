package io.voicepartner.query.user;

import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract of {@code query.users}: a registration is a row, once. */
class UserProjectorTest {

    private static ReadModelDatabase database;
    private static UserProjector projector;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        projector = new UserProjector(
                new UserRows(database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc()))),
                new UserTokenRevocations(database.jdbc()));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aRegistrationIsARowAndItsRedeliveryChangesNothing() {
        String userId = UUID.randomUUID().toString();
        EventEnvelope registered = revision(1, new UserRegistered(userId, "ada@example.com", "Ada"));
        database.project(() -> projector.apply(registered));
        database.project(() -> projector.apply(revision(1, new UserRegistered(userId, "other@example.com", "Other"))));

        assertThat(database.jdbc()
                        .sql("SELECT email, name, revision FROM query.users WHERE id = ?")
                        .param(userId)
                        .query()
                        .singleRow())
                .isEqualTo(Map.of("email", "ada@example.com", "name", "Ada", "revision", 1L));
        assertThat(projector.revisionOf(userId)).hasValue(1);
    }
}
