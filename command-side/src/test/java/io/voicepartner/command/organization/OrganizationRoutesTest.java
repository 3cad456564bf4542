package io.voicepartner.command.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voicepartner.command.HttpApi;
import io.voicepartner.command.HttpApi.Answer;
import io.voicepartner.command.HttpApi.User;
import io.voicepartner.command.RunningCommandSide;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organization write routes over HTTP, on the command side alone: who may do what, what is refused and how.
 * With no read side to read a write back from, an accepted write answers {@code 202} here with the revision it
 * reached; an invitation always answers {@code 201} with its token, which nothing can show again.
 */
class OrganizationRoutesTest extends RunningCommandSide {

    private HttpApi api;
    private User ada;
    private String organization;

    @BeforeEach
    void adaOpensAnOrganization() {
        api = api();
        ada = api.signUp(unique("ada"), "Ada");
        Answer opened = api.send("POST", "/api/organizations", ada, Map.of("name", "Example Dental"));
        assertThat(opened.status()).isEqualTo(202);
        assertThat(opened.data().path("revision").asLong()).isEqualTo(1);
        organization = opened.data().path("id").asText();
    }

    @Test
    void anInvitationIsAcceptedOnceByTheInvitedUserWithItsToken() {
        User grace = api.signUp(unique("grace"), "Grace");

        Answer invited = invite(grace.email(), "editor");

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.data().path("token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(invited.data().path("email").asText()).isEqualTo(grace.email());
        assertThat(invited.data().path("role").asText()).isEqualTo("editor");
        assertThat(invited.data().path("status").asText()).isEqualTo("pending");
        assertThat(Instant.parse(invited.data().path("expires_at").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        String token = invited.data().path("token").asText();

        Answer accepted = api.send("POST", "/api/invitations/" + token + "/accept", grace, null);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.data().path("id").asText()).isEqualTo(organization);
        assertThat(accepted.data().path("revision").asLong()).isEqualTo(3);
        // a member now, an editor: renaming takes an admin
        assertThat(rename(grace).errorCode()).isEqualTo("forbidden");

        Answer again = api.send("POST", "/api/invitations/" + token + "/accept", grace, null);
        assertThat(again.status()).isEqualTo(404);
    }

    @Test
    void aTokenFindsNothingForAnotherEmailAddressAsForNoInvitationAtAll() {
        User grace = api.signUp(unique("grace"), "Grace");
        User mallory = api.signUp(unique("mallory"), "Mallory");
        String token = invite(grace.email(), "admin").data().path("token").asText();

        Answer other = api.send("POST", "/api/invitations/" + token + "/accept", mallory, null);
        Answer unknown = api.send("POST", "/api/invitations/" + "A".repeat(43) + "/accept", mallory, null);
        Answer malformed = api.send("POST", "/api/invitations/nonsense/accept", mallory, null);

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body().path("error"))
                .isEqualTo(unknown.body().path("error"))
                .isEqualTo(malformed.body().path("error"));
        assertThat(rename(mallory).status()).isEqualTo(404);
    }

    @Test
    void aRevokedInvitationFindsNothing() {
        User grace = api.signUp(unique("grace"), "Grace");
        Answer invited = invite(grace.email(), "viewer");
        String invitation = invited.data().path("id").asText();

        Answer revoked = api.send("DELETE", invitations() + "/" + invitation, ada, null);

        assertThat(revoked.status()).isEqualTo(202);
        assertThat(api.send(
                                "POST",
                                "/api/invitations/"
                                        + invited.data().path("token").asText() + "/accept",
                                grace,
                                null)
                        .status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", invitations() + "/" + invitation, ada, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMemberCannotAcceptAnotherInvitationToTheSameOrganization() {
        User grace = join("grace", "viewer");

        String token = invite(grace.email(), "admin").data().path("token").asText();

        assertThat(api.send("POST", "/api/invitations/" + token + "/accept", grace, null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void rolesDecideWhatAMemberMayDoAndAStrangerFindsNothing() {
        User viewer = join("vera", "viewer");
        User admin = join("alan", "admin");
        User stranger = api.signUp(unique("sam"), "Sam");

        assertThat(rename(viewer).status()).isEqualTo(403);
        assertThat(rename(admin).status()).isEqualTo(202);
        assertThat(rename(stranger).status()).isEqualTo(404);
        assertThat(invite(viewer, unique("x"), "viewer").status()).isEqualTo(403);
        assertThat(invite(admin, unique("x"), "owner").errorCode()).isEqualTo("forbidden");
        assertThat(api.send("PATCH", members() + "/" + viewer.id(), admin, Map.of("role", "owner"))
                        .status())
                .isEqualTo(403);
        assertThat(api.send("PATCH", members() + "/" + viewer.id(), admin, Map.of("role", "editor"))
                        .status())
                .isEqualTo(202);
        assertThat(api.send("DELETE", "/api/organizations/" + organization, admin, null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aMemberLeavesButRemovingAnotherTakesAnAdmin() {
        User viewer = join("vera", "viewer");
        User editor = join("ed", "editor");

        assertThat(api.send("DELETE", members() + "/" + viewer.id(), editor, null)
                        .status())
                .isEqualTo(403);
        Answer left = api.send("DELETE", members() + "/" + viewer.id(), viewer, null);

        assertThat(left.status()).isEqualTo(202);
        assertThat(rename(viewer).status()).isEqualTo(404);
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        assertThat(api.send("PATCH", members() + "/" + ada.id(), ada, Map.of("role", "admin"))
                        .errorCode())
                .isEqualTo("conflict");
        assertThat(api.send("DELETE", members() + "/" + ada.id(), ada, null).errorCode())
                .isEqualTo("conflict");
    }

    @Test
    void aPersonalOrganizationCannotBeDeleted() {
        Answer refused = api.send("DELETE", "/api/organizations/" + ada.id(), ada, null);

        assertThat(refused.status()).isEqualTo(409);
    }

    @Test
    void anOrganizationIsNotDeletedWhileItHasPhoneNumbers() {
        Answer bought = api.send(
                "POST",
                "/api/phone-numbers",
                ada,
                Map.of("phone_number", freeNumber()),
                Map.of("X-Organization-Id", organization));
        assertThat(bought.status()).isEqualTo(202);

        Answer refused = api.send("DELETE", "/api/organizations/" + organization, ada, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("error").path("message").asText()).contains("phone number");

        assertThat(api.send(
                                "DELETE",
                                "/api/phone-numbers/" + bought.data().path("id").asText(),
                                ada,
                                null,
                                Map.of("X-Organization-Id", organization))
                        .status())
                .isEqualTo(202);
        assertThat(api.send("DELETE", "/api/organizations/" + organization, ada, null)
                        .status())
                .isEqualTo(202);
        // closed: its members find nothing there any more
        assertThat(rename(ada).status()).isEqualTo(404);
        assertThat(api.send(
                                "POST",
                                "/api/phone-numbers",
                                ada,
                                Map.of("phone_number", freeNumber()),
                                Map.of("X-Organization-Id", organization))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anInvitationNamesEveryBadField() {
        Answer refused = api.send(
                "POST", invitations(), ada, Map.of("email", "not an address", "role", "boss", "token", "mine"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").path("details").findValuesAsText("field"))
                .containsExactly("email", "role", "token");
    }

    /** Its answer holds the token, which is never stored: a retry with the same key invites again. */
    @Test
    void anInvitationKeepsNoIdempotencyKey() {
        Map<String, Object> body = Map.of("email", unique("grace"), "role", "viewer");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Answer first = api.send("POST", invitations(), ada, body, key);
        Answer retry = api.send("POST", invitations(), ada, body, key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data().path("token").asText())
                .isNotEqualTo(first.data().path("token").asText());
    }

    private User join(String name, String role) {
        User user = api.signUp(unique(name), name);
        String token = invite(user.email(), role).data().path("token").asText();
        assertThat(api.send("POST", "/api/invitations/" + token + "/accept", user, null)
                        .status())
                .isEqualTo(202);
        return user;
    }

    private Answer invite(String email, String role) {
        return invite(ada, email, role);
    }

    private Answer invite(User inviter, String email, String role) {
        return api.send("POST", invitations(), inviter, Map.of("email", email, "role", role));
    }

    private Answer rename(User user) {
        return api.send(
                "PATCH", "/api/organizations/" + organization, user, Map.of("name", "Renamed by " + user.email()));
    }

    private String invitations() {
        return "/api/organizations/" + organization + "/invitations";
    }

    private String members() {
        return "/api/organizations/" + organization + "/members";
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String freeNumber() {
        return "+4930" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }
}
