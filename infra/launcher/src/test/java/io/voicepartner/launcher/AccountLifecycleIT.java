package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A person's own account, as API.md's identity section specifies it: changing the password revokes every token
 * issued before, signing out the token signed out with, and each is refused by every side (the command side, the query
 * side, analytics) from then on; closing the account is refused while the person alone owns an organization others
 * belong to, and otherwise revokes every token of theirs. {@code SplitDeploymentIT} follows a revocation to each
 * side's own process; {@code ErasureIT} follows an erased person's data everywhere.
 */
class AccountLifecycleIT extends PlatformIT {

    private static final String NEW_PASSWORD = "staple battery horse correct";

    @Test
    void changingThePasswordRevokesEveryTokenIssuedBeforeAndAnswersANewOne() {
        Api.User user = api().signUp();
        String otherDevice = api().login(user.email(), user.password());

        Api.Response changed = api().as(user)
                .post(
                        "/api/users/me/password",
                        Map.of("current_password", user.password(), "new_password", NEW_PASSWORD));

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.text()).doesNotContain(NEW_PASSWORD).doesNotContain(user.password());
        assertThat(changed.data().path("token_type").asText()).isEqualTo("bearer");
        String fresh = changed.data().path("access_token").asText();
        for (String revoked : List.of(user.token(), otherDevice)) {
            assertRefusedEverywhere(revoked);
        }
        assertAcceptedEverywhere(fresh);
        assertThat(api().post("/token", Map.of("email", user.email(), "password", user.password()))
                        .status())
                .isEqualTo(401);
        assertAcceptedEverywhere(api().login(user.email(), NEW_PASSWORD));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        Api.User user = api().signUp();

        Api.Response refused = api().as(user)
                .post(
                        "/api/users/me/password",
                        Map.of("current_password", "not the password", "new_password", NEW_PASSWORD));

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.error().findValuesAsText("field")).containsExactly("current_password");
        assertAcceptedEverywhere(user.token());
        assertThat(api().post("/token", Map.of("email", user.email(), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aPasswordChangeNamesEveryBadField() {
        Api.User user = api().signUp();

        Api.Response refused = api().as(user).post("/api/users/me/password", Map.of("new_password", "short"));

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.error().findValuesAsText("field"))
                .containsExactlyInAnyOrder("current_password", "new_password");
        assertAcceptedEverywhere(user.token());
    }

    @Test
    void signingOutRevokesThatTokenAlone() {
        Api.User user = api().signUp();
        String otherDevice = api().login(user.email(), user.password());

        Api.Response signedOut = api().as(user).post("/api/users/me/sign-out", Map.of());

        assertThat(signedOut.status()).as("%s", signedOut).isEqualTo(200);
        assertThat(signedOut.data().path("signed_out").asBoolean()).isTrue();
        assertRefusedEverywhere(user.token());
        assertAcceptedEverywhere(otherDevice);
    }

    @Test
    void closingTheAccountIsRefusedWhileTheyAloneOwnAnOrganizationOthersBelongTo() {
        Api.User owner = api().signUp();
        Api.User member = api().signUp();
        Api ownerApi = api().as(owner);
        String acme = ownerApi.post("/api/organizations", Map.of("name", "Acme"))
                .data()
                .path("id")
                .asText();
        String invitation = ownerApi.withHeader("X-Organization-Id", acme)
                .post("/api/organizations/" + acme + "/invitations", Map.of("email", member.email(), "role", "admin"))
                .data()
                .path("token")
                .asText();
        assertThat(api().as(member)
                        .post("/api/invitations/" + invitation + "/accept", Map.of())
                        .status())
                .isEqualTo(200);

        Api.Response refused = close(owner);

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.error().path("code").asText()).isEqualTo("conflict");
        assertThat(refused.error().path("message").asText()).contains(acme).doesNotContain(owner.id());
        assertAcceptedEverywhere(owner.token());

        assertThat(ownerApi.withHeader("X-Organization-Id", acme)
                        .patch("/api/organizations/" + acme + "/members/" + member.id(), Map.of("role", "owner"))
                        .status())
                .isEqualTo(200);
        Api.Response closed = close(owner);

        assertThat(closed.status()).as("%s", closed).isEqualTo(200);
        assertThat(closed.data().path("deleted_organizations"))
                .extracting(JsonNode::asText)
                .containsExactly(owner.id());
        assertThat(closed.data().path("left_organizations"))
                .extracting(JsonNode::asText)
                .containsExactly(acme);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRefusedEverywhere(owner.token()));
        assertThat(api().post("/token", Map.of("email", owner.email(), "password", owner.password()))
                        .status())
                .isEqualTo(401);
        assertThat(api().as(member)
                        .withHeader("X-Organization-Id", acme)
                        .get("/api/organizations/" + acme)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordClosesNothing() {
        Api.User user = api().signUp();

        Api.Response refused = api().as(user)
                .send("DELETE", "/api/users/me", Map.of("password", "not the password"), "application/json");

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.error().findValuesAsText("field")).containsExactly("password");
        assertAcceptedEverywhere(user.token());
    }

    @Test
    void anApiKeyHasNoAccountToChange() {
        Api.User user = api().signUp();
        Api.Response created = api().as(user)
                .post(
                        "/api/organizations/" + user.id() + "/api-keys",
                        Map.of("name", "Machine", "scopes", List.of("config:read")));
        Api key = api().withHeader(
                        "Authorization", "Bearer " + created.data().path("key").asText());

        assertThat(key.post("/api/users/me/sign-out", Map.of()).status()).isEqualTo(403);
        assertThat(key.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json")
                        .status())
                .isEqualTo(403);
        assertThat(key.post(
                                "/api/users/me/password",
                                Map.of("current_password", user.password(), "new_password", NEW_PASSWORD))
                        .status())
                .isEqualTo(403);
    }

    private Api.Response close(Api.User user) {
        return api().as(user).send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json");
    }

    /** A read of each side: the query side's account, the command side's write routes, analytics' figures. */
    private void assertRefusedEverywhere(String token) {
        Api caller = api().withHeader("Authorization", "Bearer " + token);
        assertThat(caller.get("/api/users/me").status()).as("the query side").isEqualTo(401);
        assertThat(caller.post("/api/assistants", Map.of("name", "Front desk")).status())
                .as("the command side")
                .isEqualTo(401);
        assertThat(caller.get("/api/analytics/assistants" + range()).status())
                .as("analytics")
                .isEqualTo(401);
    }

    private void assertAcceptedEverywhere(String token) {
        Api caller = api().withHeader("Authorization", "Bearer " + token);
        assertThat(caller.get("/api/users/me").status()).as("the query side").isEqualTo(200);
        assertThat(caller.post("/api/assistants", Map.of("name", "Front desk")).status())
                .as("the command side")
                .isEqualTo(201);
        assertThat(caller.get("/api/analytics/assistants" + range()).status())
                .as("analytics")
                .isEqualTo(200);
    }

    private static String range() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "?from=" + today.minusDays(1) + "&to=" + today;
    }
}
