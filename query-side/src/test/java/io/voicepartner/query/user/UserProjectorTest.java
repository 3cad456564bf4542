package io.voicepartner.query.user;

import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.webhook.ErasedActors;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract of {@code query.users}: a registration is a row, once; an erasure leaves it, and no address behind. */
class UserProjectorTest {

    private static ReadModelDatabase database;
    private static UserProjector projector;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        projector = new UserProjector(
                new UserRows(
                        database.jdbc(),
                        new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development()))),
                new UserTokenRevocations(database.jdbc()),
                new ErasedActors(database.jdbc()));
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

    /**
     * A webhook delivery's body holds its actor's address in clear (ADR 0032): an erasure takes it out of the person's
     * deliveries, and leaves everything else of them and every other actor's as they were. Their tokens are revoked.
     */
    @Test
    void anErasureTakesTheAddressOutOfTheDeliveriesTheyActedIn() {
        String erased = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        database.project(() -> projector.apply(revision(1, new UserRegistered(erased, "ada@example.com", "Ada"))));
        String theirs = delivery(erased, "ada@example.com");
        String others = delivery(other, "grace@example.com");

        database.project(() -> projector.apply(revision(2, new UserErased(erased))));

        assertThat(body(theirs))
                .doesNotContain("ada@example.com")
                .contains("\"id\": \"" + erased + "\"", "\"type\": \"user\"", "\"event\": \"assistant.created\"");
        assertThat(body(others)).contains("grace@example.com");
        assertThat(new UserTokenRevocations(database.jdbc()).revoked(erased, "any", 1_000_000))
                .isTrue();
        assertThat(projector.revisionOf(erased)).hasValue(2);
    }

    private String delivery(String actor, String email) {
        String id = UUID.randomUUID().toString();
        database.jdbc()
                .sql("INSERT INTO query.webhook_deliveries (id, endpoint_id, owner_id, event_id, event_type, "
                        + "resource_key, body, status, next_attempt_at, created_at) VALUES (?, 'endpoint', 'owner', ?, "
                        + "'assistant.created', 'assistant/a', ?, 'pending', now(), now())")
                .params(
                        id,
                        id,
                        "{\"event\":\"assistant.created\",\"actor\":{\"type\":\"user\",\"id\":\"" + actor
                                + "\",\"email\":\"" + email + "\"}}")
                .update();
        return id;
    }

    private String body(String delivery) {
        return database.jdbc()
                .sql("SELECT body FROM query.webhook_deliveries WHERE id = ?")
                .param(delivery)
                .query(String.class)
                .single();
    }
}
