package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An erasure under way (ADR 0046). Its record revokes the person's tokens on every side at once, not at its end: every
 * side's revocation table holds the new generation while the erasure is still pending. A step of it refused for good
 * blocks it: someone accepts, meanwhile, an invitation to an organization the person was alone in and owns, and the
 * organization refuses to let its only owner go. No round retries it; the person signs in again, is told by {@code
 * DELETE /api/users/me} which organization blocks it, resolves it, and asks again, which finishes it. Refused for good
 * while the request itself runs, the request answers that {@code 409} at once.
 */
class ErasureBlockedIT extends PlatformIT {

    @Test
    void anErasureRefusedForGoodIsBlockedNamesTheOrganizationAndFinishesOnceThePersonResolvesIt() throws Exception {
        Api.User user = api().signUp();
        Api person = api().as(user);
        String studio = idOf(person.post("/api/organizations", Map.of("name", "Studio")));
        Api.User bob = api().signUp();
        Api.Response invitation = person.withHeader("X-Organization-Id", studio)
                .post("/api/organizations/" + studio + "/invitations", Map.of("email", bob.email(), "role", "editor"));
        assertThat(invitation.status()).as("%s", invitation).isEqualTo(201);
        // the studio's deletion fails for now, as a full disk would fail it: the erasure stays pending, and the
        // invitation sent before it stays acceptable (ADR 0043)
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        StoredEvents.execute("CREATE FUNCTION command." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$");
        StoredEvents.execute("CREATE TRIGGER " + trigger
                + " BEFORE INSERT ON command.domain_event_entry FOR EACH ROW WHEN "
                + "(NEW.aggregate_identifier LIKE '%" + studio + "' AND NEW.payload_type LIKE '%.OrganizationDeleted') "
                + "EXECUTE FUNCTION command." + trigger + "()");
        try {
            Api.Response erasure =
                    person.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json");
            assertThat(erasure.status()).as("%s", erasure).isEqualTo(202);
            assertThat(erasure.data().path("erased").asBoolean()).isFalse();

            // revoked on every side by ErasureRequested, with no UserErased: a read side in another process refuses
            // the token from its own table, which holds a generation above the token's
            assertThat(StoredEvents.payloadTypes(user.id())).anyMatch(type -> type.endsWith(".ErasureRequested"));
            assertThat(StoredEvents.payloadTypes(user.id())).noneMatch(type -> type.endsWith(".UserErased"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String side : List.of("command", "query", "analytics")) {
                    assertThat(StoredEvents.column(
                                    "SELECT generation FROM " + side + ".token_generations WHERE user_id = ?",
                                    user.id()))
                            .as(side)
                            .singleElement()
                            .satisfies(generation -> assertThat(Long.parseLong(generation))
                                    .as("above the token's (0), below an erased person's")
                                    .isPositive()
                                    .isLessThan(Long.MAX_VALUE));
                }
            });
            assertThat(person.get("/api/users/me").status()).as("the token").isEqualTo(401);

            Api.Response accepted = api().as(bob)
                    .post("/api/invitations/" + invitation.data().path("token").asText() + "/accept", Map.of());
            assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);

            // the next round: the studio refuses to let its only owner go, for good
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(StoredEvents.column(
                                    "SELECT blocked_code || ' ' || blocked_organization_id FROM "
                                            + "command.pending_erasures WHERE user_id = ? AND blocked_at IS NOT NULL",
                                    user.id()))
                            .containsExactly("conflict " + studio));
            List<String> attempts = attempts(user.id());
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(attempts(user.id()))
                            .as("no round retries a blocked erasure (a round a second)")
                            .isEqualTo(attempts));

            // the account is the person's again, with a new token; the old one stays refused
            String token = api().login(user.email(), user.password());
            Api again = api().withHeader("Authorization", "Bearer " + token);
            assertThat(again.get("/api/users/me").status()).isEqualTo(200);
            assertThat(person.get("/api/users/me").status())
                    .as("the token held before")
                    .isEqualTo(401);

            Api.Response blocked =
                    again.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json");
            assertThat(blocked.status()).as("%s", blocked).isEqualTo(409);
            assertThat(blocked.error().path("code").asText()).isEqualTo("conflict");
            assertThat(blocked.error().path("message").asText())
                    .startsWith("Your erasure is blocked.")
                    .contains("organization '" + studio + "'");
            assertThat(again.get("/api/users/me").status())
                    .as("refused as a whole: nothing changed, the token is still good")
                    .isEqualTo(200);

            // resolved: Bob owns the studio too; asked again, the erasure goes on where it stopped
            Api.Response promoted = again.withHeader("X-Organization-Id", studio)
                    .patch("/api/organizations/" + studio + "/members/" + bob.id(), Map.of("role", "owner"));
            assertThat(promoted.status()).as("%s", promoted).isEqualTo(200);
            Api.Response finished =
                    again.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json");
            assertThat(finished.status()).as("%s", finished).isEqualTo(200);
            assertThat(finished.data().path("erased").asBoolean()).isTrue();
            assertThat(finished.data().path("left_organizations"))
                    .extracting(JsonNode::asText)
                    .containsExactly(studio);
        } finally {
            StoredEvents.execute("DROP TRIGGER " + trigger + " ON command.domain_event_entry");
            StoredEvents.execute("DROP FUNCTION command." + trigger + "()");
        }

        assertThat(StoredEvents.column("SELECT user_id FROM command.pending_erasures WHERE user_id = ?", user.id()))
                .isEmpty();
        assertThat(StoredEvents.payloadTypes(user.id())).anyMatch(type -> type.endsWith(".UserErased"));
        assertThat(StoredEvents.payloadTypes("organization:" + studio))
                .as("the studio's stream")
                .isNotEmpty()
                .noneMatch(type -> type.endsWith(".OrganizationDeleted"));
        assertThat(api().as(bob)
                        .withHeader("X-Organization-Id", studio)
                        .get("/api/organizations/" + studio)
                        .status())
                .as("the studio stays Bob's")
                .isEqualTo(200);
        assertThat(api().post("/token", Map.of("email", user.email(), "password", user.password()))
                        .status())
                .isEqualTo(401);
    }

    /**
     * Someone joins between the check before the erasure and its steps: the database holds the erasure's record for a
     * moment (a trigger that sleeps), the invitee accepts meanwhile, and the organization refuses to let its only owner
     * go. The request answers {@code 409} naming it, and the erasure is blocked, not left to a round.
     */
    @Test
    void anErasureRefusedForGoodWhileTheRequestRunsAnswers409NamingTheOrganization() throws Exception {
        Api.User user = api().signUp();
        Api person = api().as(user);
        String studio = idOf(person.post("/api/organizations", Map.of("name", "Studio")));
        Api.User bob = api().signUp();
        Api.Response invitation = person.withHeader("X-Organization-Id", studio)
                .post("/api/organizations/" + studio + "/invitations", Map.of("email", bob.email(), "role", "editor"));
        assertThat(invitation.status()).as("%s", invitation).isEqualTo(201);
        String trigger = "hold_" + UUID.randomUUID().toString().replace("-", "");
        StoredEvents.execute("CREATE FUNCTION command." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$");
        StoredEvents.execute(
                "CREATE TRIGGER " + trigger + " BEFORE INSERT ON command.pending_erasures FOR EACH ROW WHEN "
                        + "(NEW.user_id = '" + user.id() + "') EXECUTE FUNCTION command." + trigger + "()");
        Api.Response erasure;
        try {
            CompletableFuture<Api.Response> asked = CompletableFuture.supplyAsync(() ->
                    person.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !StoredEvents.column(
                                    "SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE ?",
                                    "%pending_erasures%")
                            .isEmpty());
            Api.Response accepted = api().as(bob)
                    .post("/api/invitations/" + invitation.data().path("token").asText() + "/accept", Map.of());
            assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
            erasure = asked.get(30, TimeUnit.SECONDS);
        } finally {
            StoredEvents.execute("DROP TRIGGER " + trigger + " ON command.pending_erasures");
            StoredEvents.execute("DROP FUNCTION command." + trigger + "()");
        }

        assertThat(erasure.status()).as("%s", erasure).isEqualTo(409);
        assertThat(erasure.error().path("code").asText()).isEqualTo("conflict");
        assertThat(erasure.error().path("message").asText())
                .startsWith("Your erasure is blocked: you are the only owner of organization '" + studio + "'")
                .contains("sign in again");
        assertThat(StoredEvents.column(
                        "SELECT blocked_code || ' ' || blocked_organization_id FROM command.pending_erasures "
                                + "WHERE user_id = ? AND blocked_at IS NOT NULL",
                        user.id()))
                .containsExactly("conflict " + studio);
        assertThat(person.get("/api/users/me").status())
                .as("the token sent: revoked at the record")
                .isEqualTo(401);
        String token = api().login(user.email(), user.password());
        assertThat(api().withHeader("Authorization", "Bearer " + token)
                        .withHeader("X-Organization-Id", studio)
                        .get("/api/organizations/" + studio + "/members")
                        .text())
                .as("the studio, intact, with its new member")
                .contains(bob.id());
    }

    private static List<String> attempts(String userId) throws Exception {
        return StoredEvents.column("SELECT attempts FROM command.pending_erasures WHERE user_id = ?", userId);
    }

    private static String idOf(Api.Response created) {
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().path("id").asText();
    }
}
