package io.voicepartner.query.actor;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.query.consuming.Envelopes;
import io.voicepartner.query.consuming.ReadModelDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actor object of the audit log and the histories: the recorded actor read as a user, an API key or the platform,
 * a user completed with the e-mail address the users read model has for them now, a key with its prefix.
 */
class ActorsTest {

    private static ReadModelDatabase database;
    private static Actors actors;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        actors = new Actors(database.jdbc());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void readsTheRecordedActorAsAUserAnApiKeyOrThePlatform() {
        assertThat(ActorView.recorded("0194f0c1-1a2b")).isEqualTo(new ActorView(ActorView.Type.USER, "0194f0c1-1a2b",
                null, null));
        assertThat(ActorView.recorded("api_key:0194f0c9-77aa")).isEqualTo(new ActorView(ActorView.Type.API_KEY,
                "0194f0c9-77aa", null, null));
        assertThat(ActorView.recorded("system")).isEqualTo(new ActorView(ActorView.Type.SYSTEM, "system", null, null));
        assertThat(ActorView.recorded(null)).isEqualTo(ActorView.recorded("system"));
        assertThat(ActorView.stored("api_key", "0194f0c9-77aa")).isEqualTo(ActorView.recorded("api_key:0194f0c9-77aa"));
    }

    @Test
    void completesEachUserWithTheirEmailAddressInOneReadForThePage() {
        String ada = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        database.project(() -> database.projectors().stream()
                .filter(projector -> projector.aggregateType() == AggregateType.USER)
                .forEach(projector -> projector.apply(Envelopes.revision(1,
                        new UserRegistered(ada, "ada@example.com", "Ada")))));
        List<ActorView> page = List.of(ActorView.recorded(ada), ActorView.recorded("api_key:k1"),
                ActorView.recorded(ada), ActorView.recorded("system"), ActorView.recorded(unknown));

        List<ActorView> completed = actors.complete(page, actor -> actor, (actor, complete) -> complete);

        assertThat(completed).containsExactly(
                new ActorView(ActorView.Type.USER, ada, "ada@example.com", null),
                new ActorView(ActorView.Type.API_KEY, "k1", null, null),
                new ActorView(ActorView.Type.USER, ada, "ada@example.com", null),
                new ActorView(ActorView.Type.SYSTEM, "system", null, null),
                new ActorView(ActorView.Type.USER, unknown, null, null));
    }

    @Test
    void completesEachApiKeyWithItsPrefix() {
        String organization = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        project(AggregateType.ORGANIZATION, 1, new OrganizationCreated(organization, "Acme", "user-1", false));
        project(AggregateType.ORGANIZATION, 2, new ApiKeyCreated(organization, key, "CI",
                List.of(ApiKeyScope.CONFIG_WRITE), "vp_AbCdEfGh", "AbCdEfGh:" + "0c".repeat(32), null));

        List<ActorView> completed = actors.complete(List.of(ActorView.recorded("api_key:" + key),
                ActorView.recorded("api_key:never-issued")), actor -> actor, (actor, complete) -> complete);

        assertThat(completed).containsExactly(new ActorView(ActorView.Type.API_KEY, key, null, "vp_AbCdEfGh"),
                new ActorView(ActorView.Type.API_KEY, "never-issued", null, null));
    }

    private static void project(AggregateType type, long revision, DomainEvent event) {
        database.project(() -> database.projectors().stream()
                .filter(projector -> projector.aggregateType() == type)
                .forEach(projector -> projector.apply(Envelopes.revision(revision, event))));
    }

    @Test
    void anEmptyPageAsksNothing() {
        assertThat(actors.complete(List.<ActorView>of(), actor -> actor, (actor, complete) -> complete)).isEmpty();
    }
}
