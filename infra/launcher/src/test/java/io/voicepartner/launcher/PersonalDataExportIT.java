package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/users/me/export}: everything the platform holds about the caller, as API.md's identity lists it. */
class PersonalDataExportIT extends PlatformIT {

    @Test
    void exportsTheAccountItsOrganizationsSignInsInvitationsAndWhatItCreated() {
        Api.User ada = api().signUp();
        Api.Response login = throughGateway("198.51.100.61")
                .post("/token", Map.of("email", ada.email(), "password", ada.password()));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        Api asAda = api().as(ada);
        String assistant = asAda.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        Api grace = api().as(api().signUp());
        String acme = grace.post("/api/organizations", Map.of("name", "Acme"))
                .data()
                .path("id")
                .asText();
        Api.Response invited = grace.withHeader("X-Organization-Id", acme)
                .post("/api/organizations/" + acme + "/invitations", Map.of("email", ada.email(), "role", "viewer"));
        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        assertThat(asAda.post("/api/invitations/" + invited.data().path("token").asText() + "/accept", Map.of())
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response exported = asAda.get("/api/users/me/export");
            assertThat(exported.status()).as("%s", exported).isEqualTo(200);
            assertThat(exported.header("Cache-Control")).contains("no-store");
            JsonNode export = exported.data();
            assertThat(export.path("account").path("email").asText()).isEqualTo(ada.email());
            assertThat(export.path("account").path("name").asText()).isEqualTo("Test User");
            assertThat(export.path("organizations").findValuesAsText("organization_id"))
                    .containsExactlyInAnyOrder(ada.id(), acme);
            assertThat(export.path("sign_ins").findValuesAsText("client_address"))
                    .contains("198.51.100.61");
            assertThat(export.path("invitations").findValuesAsText("id"))
                    .containsExactly(invited.data().path("id").asText());
            assertThat(export.path("created").path("assistants")).isEqualTo(Api.JSON.valueToTree(List.of(assistant)));
            assertThat(export.path("created").path("organizations")).isEqualTo(Api.JSON.valueToTree(List.of(ada.id())));
        });
        assertThat(grace.get("/api/users/me/export")
                        .data()
                        .path("account")
                        .path("email")
                        .asText())
                .isNotEqualTo(ada.email());
    }
}
