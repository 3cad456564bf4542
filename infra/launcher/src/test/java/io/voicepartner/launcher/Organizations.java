package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.organization.Role;
import java.util.Map;

/** How a test puts people into an organization: as its users do, by an invitation and its acceptance. */
final class Organizations {

    private Organizations() {}

    /** A new user who joined {@code organization} with {@code role}, invited by {@code inviter}. */
    static Api join(Api inviter, String organization, Api platform, Role role) {
        Api.User user = platform.signUp();
        Api.Response invitation = inviter.post(
                "/api/organizations/" + organization + "/invitations",
                Map.of("email", user.email(), "role", role.wireName()));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        Api member = platform.as(user);
        Api.Response accepted = member.post(
                "/api/invitations/" + invitation.data().path("token").asText() + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return member;
    }
}
