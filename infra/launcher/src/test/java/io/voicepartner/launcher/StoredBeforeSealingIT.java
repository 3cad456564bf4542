package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.support.personal.PersonalData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 21's data stored before sealing (ADR 0042): a canary person's registration, personal organization, sign-ins
 * and an invitation to their address are put back in the store in clear, as the platform stored them before personal
 * data was sealed (the person keeps the key a sign-in since the upgrade gave them; the invitation has none, as then).
 * Every read of the store seals them: the invitation is still taken up, and a republish sends only sealed values that
 * open to the stored ones; for a bystander stored so too and not erased, the rewrite stores exactly what the republish
 * sent. Once the person is erased and the operator's rewrite has run, the canary is in no table of
 * a dump of the database and no record of any topic, every event keeps its global index, and a second rewrite
 * changes nothing. The same search finds the canary in the dump before the rewrite: it is a search that can fail.
 *
 * <p>On the operations platform: a republish and the rewrite act on the whole store.
 */
class StoredBeforeSealingIT extends OperationsPlatformIT {

    private static final String USER_REGISTERED = "io.voicepartner.api.user.UserRegistered";
    private static final String ORGANIZATION_CREATED = "io.voicepartner.api.organization.OrganizationCreated";
    private static final String INVITATION_CREATED = "io.voicepartner.api.organization.InvitationCreated";
    private static final String OLD_CLIENT_ADDRESS = "192.0.2.10";

    @Autowired
    PersonalData personalData;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void valuesStoredInClearAreReadSealedAndGoneOnceThePersonIsErasedAndTheRowsRewritten() throws Exception {
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String email = canary + "@example.com";
        String name = "Old \"Ünïcode\" " + canary;
        String password = "pw-" + canary;
        List<String> canaries = List.of(email, name, canary);

        Api.Response signedUp = api().post("/api/users", Map.of("email", email, "password", password, "name", name));
        assertThat(signedUp.status()).as("%s", signedUp).isEqualTo(201);
        String userId = signedUp.data().path("id").asText();
        assertThat(api().post("/token", Map.of("email", email, "password", "wrong"))
                        .status())
                .isEqualTo(401);
        Api person = api().withHeader("Authorization", "Bearer " + api().login(email, password));
        Api owner = api().as(api().signUp());
        String acme = idOf(owner.post("/api/organizations", Map.of("name", "Acme")));
        Api acmeOwner = owner.withHeader("X-Organization-Id", acme);
        Api.Response invited =
                acmeOwner.post("/api/organizations/" + acme + "/invitations", Map.of("email", email, "role", "editor"));
        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        String invitation = invitationOf(acme);
        String bystander = api().signUp().id();

        storedAsBeforeSealing(userId, email, name, invitation);
        try (Connection database = connect()) {
            setField(
                    database,
                    USER_REGISTERED,
                    "user_id",
                    bystander,
                    "email",
                    "bystander-" + UUID.randomUUID() + "@example.org");
        }
        assertThat(CanarySearch.search(CanarySearch.storedText(database()), canaries))
                .as("the search finds the canary in the store before the rewrite")
                .isNotEmpty();

        // the organization reads the invitation sealed with a key made for it now, and the caller's address sealed
        // alike
        assertThat(person.post(
                                "/api/invitations/"
                                        + invited.data().path("token").asText() + "/accept",
                                Map.of())
                        .status())
                .isEqualTo(200);
        String theirWork = idOf(person.withHeader("X-Organization-Id", acme)
                .post("/api/assistants", Map.of("name", "Made by the old canary")));

        long from = firstGlobalIndexOf(userId);
        republishTheWholeStore();
        assertThat(opened(lastData("voicepartner.users", userId, 2, "UserRegistered", "email")))
                .isEqualTo(email);
        assertThat(opened(lastData("voicepartner.users", userId, 2, "UserRegistered", "name")))
                .isEqualTo(name);
        assertThat(opened(lastData("voicepartner.organizations", userId, 2, "OrganizationCreated", "name")))
                .isEqualTo(name + "'s organization");
        assertThat(opened(lastData("voicepartner.sign-ins", userId, 4, "SignInFailed", "client_address")))
                .isEqualTo(OLD_CLIENT_ADDRESS);
        String republishedBystander = lastData("voicepartner.users", bystander, 2, "UserRegistered", "email");
        String republishedInvitation = lastData("voicepartner.organizations", acme, 6, "InvitationCreated", "email");
        assertThat(republishedInvitation).startsWith(PersonalData.SEALED + invitation + ":");
        assertThat(opened(republishedInvitation)).isEqualTo(email);

        Api.Response erased = person.send("DELETE", "/api/users/me", Map.of("password", password), "application/json");
        assertThat(erased.status()).as("%s", erased).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !acmeOwner
                        .get("/api/organizations/" + acme + "/members")
                        .text()
                        .contains(userId));

        List<String> positions = positionsFrom(from);
        // the registration, the personal organization, the failed sign-in and the invitation (and any other test's)
        SealStoredValues.Result rewrite = rewrite().run(0);
        assertThat(rewrite.rewritten())
                .as(output.toString(StandardCharsets.UTF_8))
                .isGreaterThanOrEqualTo(4);
        assertThat(positionsFrom(from))
                .as("every event keeps its global index and id")
                .isEqualTo(positions);
        assertThat(storedField(USER_REGISTERED, "user_id", userId, "email")).isEqualTo(PersonalData.erased(userId));
        assertThat(storedField(USER_REGISTERED, "user_id", bystander, "email"))
                .as("a person not erased: the rewrite stores what the republish sent")
                .isEqualTo(republishedBystander);
        assertThat(storedField(ORGANIZATION_CREATED, "organization_id", userId, "name"))
                .isEqualTo(PersonalData.erased(userId));
        assertThat(storedField(INVITATION_CREATED, "invitation_id", invitation, "email"))
                .as("the erasure found the invitation the upcaster recorded under the address")
                .isEqualTo(PersonalData.erased(invitation));

        Api.Response history = acmeOwner.get("/api/assistants/" + theirWork + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.data().get(0).path("actor").path("id").asText()).isEqualTo(userId);
        assertThat(history.data().get(0).path("actor").has("email")).isFalse();
        assertThat(CanarySearch.search(CanarySearch.storedText(database()), canaries))
                .as("the database")
                .isEmpty();
        assertThat(CanarySearch.search(CanarySearch.recordsOfEveryTopic(kafkaBootstrapServers()), canaries))
                .as("the topics")
                .isEmpty();

        String store = storeDigest();
        SealStoredValues.Result again = rewrite().run(0);
        assertThat(again.rewritten()).isZero();
        assertThat(again.snapshotsDeleted()).isZero();
        assertThat(storeDigest()).as("a second rewrite changes no byte").isEqualTo(store);
    }

    /**
     * The person's registration, personal organization and sign-ins, and the invitation, as a version before sealing
     * stored them: values in clear, no key of the invitation, nor its row under the address, nor its address in the
     * lookup.
     */
    private void storedAsBeforeSealing(String userId, String email, String name, String invitation) throws Exception {
        try (Connection database = connect()) {
            setField(database, USER_REGISTERED, "user_id", userId, "email", email);
            setField(database, USER_REGISTERED, "user_id", userId, "name", name);
            setField(database, ORGANIZATION_CREATED, "organization_id", userId, "name", name + "'s organization");
            setField(
                    database,
                    "io.voicepartner.api.signin.SignInFailed",
                    "user_id",
                    userId,
                    "client_address",
                    OLD_CLIENT_ADDRESS);
            setField(database, INVITATION_CREATED, "invitation_id", invitation, "email", email);
            for (String statement : List.of(
                    "DELETE FROM command.personal_data_keys WHERE subject_id = ?",
                    "DELETE FROM command.invitation_addresses WHERE invitation_id = ?",
                    "UPDATE command.invitation_lookup SET email = NULL WHERE invitation_id = ?")) {
                try (PreparedStatement update = database.prepareStatement(statement)) {
                    update.setString(1, invitation);
                    update.executeUpdate();
                }
            }
        }
    }

    private static void setField(
            Connection database, String type, String idField, String id, String field, String value) throws Exception {
        try (PreparedStatement update = database.prepareStatement("UPDATE command.domain_event_entry SET payload = "
                + "convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, ARRAY[?], to_jsonb(CAST(? AS text)))::text,"
                + " 'UTF8') WHERE payload_type = ? AND convert_from(payload, 'UTF8')::jsonb ->> ? = ?")) {
            update.setString(1, field);
            update.setString(2, value);
            update.setString(3, type);
            update.setString(4, idField);
            update.setString(5, id);
            assertThat(update.executeUpdate()).as("%s of %s", field, type).isEqualTo(1);
        }
    }

    private String storedField(String type, String idField, String id, String field) throws Exception {
        try (Connection database = connect();
                PreparedStatement select =
                        database.prepareStatement("SELECT convert_from(payload, 'UTF8')::jsonb ->> ? "
                                + "FROM command.domain_event_entry WHERE payload_type = ? "
                                + "AND convert_from(payload, 'UTF8')::jsonb ->> ? = ?")) {
            select.setString(1, field);
            select.setString(2, type);
            select.setString(3, idField);
            select.setString(4, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private String invitationOf(String organization) throws Exception {
        return storedField(INVITATION_CREATED, "organization_id", organization, "invitation_id");
    }

    private long firstGlobalIndexOf(String userId) throws Exception {
        try (Connection database = connect();
                PreparedStatement select = database.prepareStatement(
                        "SELECT min(global_index) FROM command.domain_event_entry WHERE aggregate_identifier = ?")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private List<String> positionsFrom(long from) throws Exception {
        List<String> positions = new ArrayList<>();
        try (Connection database = connect();
                PreparedStatement select = database.prepareStatement("SELECT global_index, event_identifier, "
                        + "aggregate_identifier, sequence_number FROM command.domain_event_entry "
                        + "WHERE global_index >= ? ORDER BY global_index")) {
            select.setLong(1, from);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    positions.add(
                            row.getLong(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getLong(4));
                }
            }
        }
        return positions;
    }

    private String storeDigest() throws Exception {
        try (Connection database = connect();
                PreparedStatement select = database.prepareStatement("SELECT md5(string_agg(global_index || ':' "
                        + "|| encode(payload, 'hex'), ',' ORDER BY global_index)) FROM command.domain_event_entry")) {
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /**
     * From global index 0, as ADR 0042's procedure republishes, and not from the canary's first event: this test changes
     * rows the running platform has read already, which no platform does (the rewrite stores what every read already
     * gave, ADR 0042), and the platform's event store still holds them as they were read, in Axon's cache of the last
     * 10,000 events its processors share ({@code EmbeddedEventStore}). A publisher moved back to a position whose token
     * is in that cache reads on from it, not from the store: a republish from the canary's first event sent the
     * sign-in as the edge sealed it before this test put it back in clear, whenever an earlier test of this platform
     * had left the event before it in the cache (in the whole suite; alone, that event is the store's first, and the
     * publisher starts from no token). From no token, the publisher reads the store itself up to its end.
     */
    private void republishTheWholeStore() {
        Republish republish = new Republish(
                ReadModelTables.environment(database()), new PrintStream(output, true, StandardCharsets.UTF_8));
        // the test PostgreSQL may have no connection to spare for the command's own for a moment
        AtomicBoolean caughtUp = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).contains("too many clients"))
                .until(() -> {
                    caughtUp.set(republish.run(0));
                    return true;
                });
        assertThat(caughtUp).as(output.toString(StandardCharsets.UTF_8)).isTrue();
    }

    private SealStoredValues rewrite() {
        return new SealStoredValues(
                ReadModelTables.environment(database()), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    /**
     * The field of the data of the last record of the type with the key, once the topic holds {@code count} records
     * with it (each event published and republished): the one the republish sent.
     */
    private String lastData(String topic, String key, int count, String type, String field) throws Exception {
        List<ConsumerRecord<String, byte[]>> records =
                new TopicReader(kafkaBootstrapServers()).recordsWithKey(topic, key, count);
        JsonNode last = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode envelope = Api.JSON.readTree(record.value());
            if (type.equals(envelope.path("type").asText())) {
                last = envelope;
            }
        }
        assertThat(last).as("a %s record on %s", type, topic).isNotNull();
        return last.path("data").path(field).asText();
    }

    private String opened(String sealed) {
        assertThat(sealed).startsWith(PersonalData.SEALED);
        return personalData.open(sealed).orElseThrow();
    }

    private Connection connect() throws Exception {
        TestInfrastructure.Database database = database();
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static String idOf(Api.Response created) {
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().path("id").asText();
    }
}
