package io.voicepartner.query.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.Envelopes;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actor object of the audit log and the histories: the recorded actor read as a user, an API key or the platform,
 * a user completed with the e-mail address the users read model has for them now, a key (revoked too) with its
 * prefix.
 */
class ActorsTest {

    private static ReadModelDatabase database;
    private static Actors actors;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        actors = new Actors(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void readsTheRecordedActorAsAUserAnApiKeyOrThePlatform() {
        assertThat(ActorView.recorded("0194f0c1-1a2b"))
                .isEqualTo(new ActorView(ActorView.Type.USER, "0194f0c1-1a2b", null, null));
        assertThat(ActorView.recorded("api_key:0194f0c9-77aa"))
                .isEqualTo(new ActorView(ActorView.Type.API_KEY, "0194f0c9-77aa", null, null));
        assertThat(ActorView.recorded("system")).isEqualTo(new ActorView(ActorView.Type.SYSTEM, "system", null, null));
        assertThat(ActorView.recorded(null)).isEqualTo(ActorView.recorded("system"));
        assertThat(ActorView.stored("api_key", "0194f0c9-77aa")).isEqualTo(ActorView.recorded("api_key:0194f0c9-77aa"));
    }

    @Test
    void completesEachUserWithTheirEmailAddressAndEachKeyWithItsPrefixInOneReadForThePage() {
        String ada = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        database.project(() -> database.projectors().stream()
                .filter(projector -> projector.aggregateType() == AggregateType.USER)
                .forEach(projector ->
                        projector.apply(Envelopes.revision(1, new UserRegistered(ada, "ada@example.com", "Ada")))));
        String key = UUID.randomUUID().toString();
        database.jdbc()
                .sql("INSERT INTO query.api_keys (id, organization_id, prefix, name, scopes, secret_hash, "
                        + "created_by, created_at, revoked_at) VALUES (?, ?, 'vp_4f2a9c1e', 'Runtime', 'usage:write', "
                        + "'k1:00', ?, now(), now())")
                .params(key, ada, ada)
                .update();
        List<ActorView> page = List.of(
                ActorView.recorded(ada),
                ActorView.recorded("api_key:" + key),
                ActorView.recorded(ada),
                ActorView.recorded("system"),
                ActorView.recorded(unknown),
                ActorView.recorded("api_key:k1"));

        List<ActorView> completed = actors.complete(page, actor -> actor, (actor, complete) -> complete);

        assertThat(completed)
                .containsExactly(
                        new ActorView(ActorView.Type.USER, ada, "ada@example.com", null),
                        new ActorView(ActorView.Type.API_KEY, key, null, "vp_4f2a9c1e"),
                        new ActorView(ActorView.Type.USER, ada, "ada@example.com", null),
                        new ActorView(ActorView.Type.SYSTEM, "system", null, null),
                        new ActorView(ActorView.Type.USER, unknown, null, null),
                        new ActorView(ActorView.Type.API_KEY, "k1", null, null));
    }

    @Test
    void anEmptyPageAsksNothing() {
        assertThat(actors.complete(List.<ActorView>of(), actor -> actor, (actor, complete) -> complete))
                .isEmpty();
    }
}
