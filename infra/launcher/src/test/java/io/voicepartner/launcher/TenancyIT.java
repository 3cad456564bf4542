package io.voicepartner.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user sees and changes nothing of another's, and nothing is served without a valid token. */
class TenancyIT extends PlatformIT {

    @Test
    void anotherUsersAssistantDoesNotExistForYou() {
        Api alice = api().as(api().signUp());
        Api bob = api().as(api().signUp());
        String id = alice.post("/api/assistants", Map.of("name", "Alice's"))
                .data()
                .path("id")
                .asText();

        assertThat(bob.get("/api/assistants/" + id).status()).isEqualTo(404);
        assertThat(bob.put("/api/assistants/" + id, Map.of("name", "Bob's now")).status())
                .isEqualTo(404);
        assertThat(bob.withHeader("If-Match", "\"1\"")
                        .delete("/api/assistants/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/assistants").data()).isEmpty();
        assertThat(bob.get("/api/assistants").json().path("meta").path("total").asLong())
                .isZero();

        Api.Response untouched = alice.get("/api/assistants/" + id);
        assertThat(untouched.data().path("name").asText()).isEqualTo("Alice's");
        assertThat(untouched.data().path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void theOwnerIsTheCallerNeverTheBody() {
        Api.User alice = api().signUp();
        Api.User bob = api().signUp();

        Api.Response response = api().as(alice).post("/api/assistants", Map.of("name", "Mine", "owner_id", bob.id()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").get(0).path("field").asText())
                .isEqualTo("owner_id");
        assertThat(api().as(bob).get("/api/assistants").data()).isEmpty();
    }

    @Test
    void everyApiRouteButSignUpNeedsAValidBearerToken() {
        Api.User alice = api().signUp();
        String[] parts = alice.token().split("\\.");
        String otherSubject = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"sub\":\"someone-else\",\"exp\":4102444800}".getBytes(UTF_8));
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8));

        for (String authorization : new String[] {
            null,
            "Bearer nonsense",
            "Basic dXNlcjpwYXNz",
            "Bearer " + parts[0] + "." + otherSubject + "." + parts[2],
            "Bearer " + unsigned + "." + parts[1] + "."
        }) {
            Api caller = authorization == null ? api() : api().withHeader("Authorization", authorization);
            assertThat(caller.get("/api/assistants").status())
                    .as(String.valueOf(authorization))
                    .isEqualTo(401);
            assertThat(caller.get("/api/users/me").status()).isEqualTo(401);
            Api.Response write = caller.post("/api/assistants", Map.of("name", "x"));
            assertThat(write.status()).isEqualTo(401);
            assertThat(write.error().path("code").asText()).isEqualTo("unauthorized");
        }
    }
}
