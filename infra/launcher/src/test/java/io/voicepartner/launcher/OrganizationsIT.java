package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organizations as their members see them over HTTP (issue 18): the tenant is the organization, a request acts in
 * the one {@code X-Organization-Id} names (else the caller's personal organization), and what a member may do
 * there is their role's.
 */
class OrganizationsIT extends PlatformIT {

    private Api.User annaUser;
    private Api anna;
    private String acme;

    @BeforeEach
    void annaOpensAcme() {
        annaUser = api().signUp();
        anna = api().as(annaUser);
        Api.Response opened = anna.post("/api/organizations", Map.of("name", "Acme"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.data().path("role").asText()).isEqualTo("owner");
        acme = opened.data().path("id").asText();
    }

    @Test
    void signUpOpensAPersonalOrganizationWithTheUsersId() {
        JsonNode mine = anna.get("/api/organizations").data();

        assertThat(mine.findValuesAsText("id")).containsExactlyInAnyOrder(annaUser.id(), acme);
        JsonNode personal = anna.get("/api/organizations/" + annaUser.id()).data();
        assertThat(personal.path("personal").asBoolean()).isTrue();
        assertThat(personal.path("role").asText()).isEqualTo("owner");
    }

    @Test
    void twoMembersEditTheSameAssistantWithIfMatchAndSeeEachOthersChanges() {
        Api ben = Organizations.join(anna, acme, api(), Role.EDITOR).withHeader("X-Organization-Id", acme);
        Api annaInAcme = anna.withHeader("X-Organization-Id", acme);
        String assistant = annaInAcme
                .post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();

        JsonNode seenByBen = ben.get("/api/assistants/" + assistant).data();
        assertThat(seenByBen.path("organization_id").asText()).isEqualTo(acme);
        assertThat(seenByBen.path("created_by").asText()).isEqualTo(annaUser.id());

        Api.Response bens = ben.withHeader("If-Match", "\"1\"")
                .patch("/api/assistants/" + assistant, Map.of("system_prompt", "Be brief."));
        Api.Response annasLate = annaInAcme
                .withHeader("If-Match", "\"1\"")
                .patch("/api/assistants/" + assistant, Map.of("system_prompt", "Be chatty."));
        assertThat(bens.status()).as(bens.toString()).isEqualTo(200);
        assertThat(annasLate.status())
                .as("Anna edited revision 1, which Ben's change replaced")
                .isEqualTo(412);

        JsonNode seenByAnna = annaInAcme.get("/api/assistants/" + assistant).data();
        assertThat(seenByAnna.path("system_prompt").asText()).isEqualTo("Be brief.");
        Api.Response annas = annaInAcme
                .withHeader("If-Match", "\"2\"")
                .patch("/api/assistants/" + assistant, Map.of("name", "Reception"));
        assertThat(annas.status()).as(annas.toString()).isEqualTo(200);
        JsonNode seenByBenAgain = ben.get("/api/assistants/" + assistant).data();
        assertThat(seenByBenAgain.path("name").asText()).isEqualTo("Reception");
        assertThat(seenByBenAgain.path("system_prompt").asText()).isEqualTo("Be brief.");
    }

    @Test
    void aViewerReadsButCannotWrite() {
        Api vera = Organizations.join(anna, acme, api(), Role.VIEWER).withHeader("X-Organization-Id", acme);
        String assistant = anna.withHeader("X-Organization-Id", acme)
                .post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();

        assertThat(vera.get("/api/assistants/" + assistant).status()).isEqualTo(200);
        for (Api.Response refused : new Api.Response[] {
            vera.post("/api/assistants", Map.of("name", "Mine")),
            vera.patch("/api/assistants/" + assistant, Map.of("name", "Vera's")),
            vera.delete("/api/assistants/" + assistant)
        }) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.error().path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.error().path("message").asText()).contains("'viewer'", "'editor'");
        }
        JsonNode unchanged = vera.get("/api/assistants/" + assistant).data();
        assertThat(unchanged.path("name").asText()).isEqualTo("Front desk");
        assertThat(unchanged.path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void eachRequestActsInTheOrganizationItNamesAndOnlyThere() {
        Api annaInAcme = anna.withHeader("X-Organization-Id", acme);
        String acmes = annaInAcme
                .post("/api/assistants", Map.of("name", "Acme's"))
                .data()
                .path("id")
                .asText();
        String personal = anna.post("/api/assistants", Map.of("name", "Anna's own"))
                .data()
                .path("id")
                .asText();

        assertThat(annaInAcme.get("/api/assistants").data().findValuesAsText("id"))
                .containsExactly(acmes);
        assertThat(anna.get("/api/assistants").data().findValuesAsText("id")).containsExactly(personal);
        assertThat(anna.get("/api/assistants/" + acmes).status())
                .as("not in the personal organization")
                .isEqualTo(404);

        Api outsider = api().as(api().signUp()).withHeader("X-Organization-Id", acme);
        Api.Response refused = outsider.get("/api/assistants");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.error().path("code").asText()).isEqualTo("not_found");
        assertThat(outsider.get("/api/organizations/" + acme).status()).isEqualTo(404);
    }

    @Test
    void theLastOwnerCanNeitherBeDemotedNorRemoved() {
        String members = "/api/organizations/" + acme + "/members/";

        Api.Response demoted = anna.patch(members + annaUser.id(), Map.of("role", "admin"));
        Api.Response removed = anna.delete(members + annaUser.id());

        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(409);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
        assertThat(anna.get("/api/organizations/" + acme + "/members").data().findValuesAsText("role"))
                .containsExactly("owner");
    }

    @Test
    void anAdminChangesRolesAndRemovesMembers() {
        Api ben = Organizations.join(anna, acme, api(), Role.VIEWER);
        String benId = ben.get("/api/users/me").data().path("id").asText();

        Api.Response promoted =
                anna.patch("/api/organizations/" + acme + "/members/" + benId, Map.of("role", "editor"));
        assertThat(promoted.status()).as(promoted.toString()).isBetween(200, 299);
        assertThat(ben.withHeader("X-Organization-Id", acme)
                        .post("/api/assistants", Map.of("name", "Ben's"))
                        .status())
                .isEqualTo(201);

        Api.Response removed = anna.delete("/api/organizations/" + acme + "/members/" + benId);
        assertThat(removed.status()).as(removed.toString()).isBetween(200, 299);
        assertThat(ben.withHeader("X-Organization-Id", acme)
                        .get("/api/assistants")
                        .status())
                .isEqualTo(404);
        assertThat(ben.get("/api/organizations").data().findValuesAsText("id")).doesNotContain(acme);
    }

    @Test
    void anInvitationIsForItsAddressAndIsUsedOnce() {
        Api.User cleo = api().signUp();
        Api.User someoneElse = api().signUp();
        Api.Response invitation = anna.post(
                "/api/organizations/" + acme + "/invitations", Map.of("email", cleo.email(), "role", "editor"));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        assertThat(invitation.data().path("expires_at").asText()).isNotEmpty();
        String accept = "/api/invitations/" + invitation.data().path("token").asText() + "/accept";

        assertThat(api().as(someoneElse).post(accept, Map.of()).status())
                .as("another address")
                .isEqualTo(404);
        assertThat(api().as(cleo).post(accept, Map.of()).status()).isEqualTo(200);
        assertThat(api().as(cleo).post(accept, Map.of()).status()).as("used").isIn(404, 409);
        assertThat(anna.get("/api/organizations/" + acme + "/members").data().findValuesAsText("email"))
                .contains(cleo.email());
        assertThat(anna.get("/api/organizations/" + acme + "/invitations").text())
                .doesNotContain(invitation.data().path("token").asText());
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        Api.User dora = api().signUp();
        Api.Response invitation = anna.post(
                "/api/organizations/" + acme + "/invitations", Map.of("email", dora.email(), "role", "viewer"));
        String id = invitation.data().path("id").asText();

        assertThat(anna.delete("/api/organizations/" + acme + "/invitations/" + id)
                        .status())
                .isBetween(200, 299);

        Api.Response accepted = api().as(dora)
                .post("/api/invitations/" + invitation.data().path("token").asText() + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(404);
        assertThat(api().as(dora).get("/api/organizations").data().findValuesAsText("id"))
                .doesNotContain(acme);
    }

    @Test
    void anOrganizationWithPhoneNumbersIsNotDeleted() {
        Api annaInAcme = anna.withHeader("X-Organization-Id", acme);
        String number = annaInAcme
                .post("/api/phone-numbers", Map.of("phone_number", "+4930" + eightDigits()))
                .data()
                .path("id")
                .asText();

        Api.Response refused = anna.delete("/api/organizations/" + acme);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);

        assertThat(annaInAcme.delete("/api/phone-numbers/" + number).status()).isBetween(200, 299);
        Api.Response deleted = anna.delete("/api/organizations/" + acme);
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 299);
        assertThat(annaInAcme.get("/api/assistants").status()).isEqualTo(404);
    }

    private static String eightDigits() {
        return Long.toString(10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }
}
