package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up, login and the caller, as API.md's identity section specifies them. */
class IdentityIT extends PlatformIT {

    @Test
    void signUpAnswersTheUserWithoutAnyPassword() {
        String email = "Ada-" + UUID.randomUUID() + "@Example.com";

        Api.Response signedUp = api().post("/api/users", Map.of("email", email, "password", "correct horse", "name", "Ada"));

        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(signedUp.data().path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(signedUp.data().path("name").asText()).isEqualTo("Ada");
        assertThat(signedUp.text()).doesNotContain("correct horse").doesNotContain("$2a$");
        assertThat(signedUp.data().has("password")).isFalse();
        assertThat(signedUp.data().has("password_hash")).isFalse();
    }

    @Test
    void anEmailCanOnlyBeUsedOnceWhateverItsCase() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        assertThat(api().post("/api/users", Map.of("email", email, "password", "correct horse")).status()).isEqualTo(201);

        Api.Response again = api().post("/api/users", Map.of("email", email.toUpperCase(), "password", "another one"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().path("code").asText()).isEqualTo("email_taken");
    }

    @Test
    void loginWithJsonOrFormAnswersABearerToken() {
        Api.User user = api().signUp();
        String form = "username=" + URLEncoder.encode(user.email(), UTF_8) + "&password=" + URLEncoder.encode(user.password(), UTF_8);

        Api.Response json = api().post("/token", Map.of("email", user.email(), "password", user.password()));
        Api.Response formLogin = api().send("POST", "/token", form, "application/x-www-form-urlencoded");

        for (Api.Response login : new Api.Response[] {json, formLogin}) {
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            assertThat(login.json().path("token_type").asText()).isEqualTo("bearer");
            assertThat(login.json().path("expires_in").asLong()).isEqualTo(1800);
            String token = login.json().path("access_token").asText();
            Api.Response me = api().withHeader("Authorization", "Bearer " + token).get("/api/users/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.data().path("id").asText()).isEqualTo(user.id());
            assertThat(me.data().path("email").asText()).isEqualTo(user.email());
        }
    }

    @Test
    void aWrongPasswordOrUnknownEmailIsRefusedAlike() {
        Api.User user = api().signUp();

        Api.Response wrongPassword = api().post("/token", Map.of("email", user.email(), "password", "not the password"));
        Api.Response unknownEmail = api().post("/token", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com",
                "password", "whatever1"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.error()).isEqualTo(unknownEmail.error());
    }

    @Test
    void repeatedFailedLoginsAreThrottledBeforeAnyHashing() {
        Api.User user = api().signUp();
        Api.Response last = null;
        for (int attempt = 0; attempt < 11; attempt++) {
            last = api().post("/token", Map.of("email", user.email(), "password", "guess " + attempt));
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.error().path("code").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void throttlingAnswersAlikeForKnownAndUnknownEmails() {
        Api.User user = api().signUp();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        Api.Response known = null;
        Api.Response nobody = null;
        for (int attempt = 0; attempt < 11; attempt++) {
            known = api().post("/token", Map.of("email", user.email(), "password", "guess " + attempt));
            nobody = api().post("/token", Map.of("email", unknown, "password", "guess " + attempt));
        }

        assertThat(known.status()).isEqualTo(429);
        assertThat(nobody.status()).isEqualTo(429);
        assertThat(nobody.error().path("code")).isEqualTo(known.error().path("code"));
        assertThat(nobody.error().path("message").asText().replaceAll("\\d+", "N"))
                .isEqualTo(known.error().path("message").asText().replaceAll("\\d+", "N"));
        assertThat(nobody.header("Retry-After")).isNotNull();
    }

    /** bcrypt reads only the first 72 bytes: a longer password would be accepted by its first 72 alone. */
    @Test
    void passwordsLongerThanBcryptReadsAreRefusedWith400() {
        String email = "long-" + UUID.randomUUID() + "@example.com";
        String seventyThreeBytes = "p".repeat(73);
        String multiByte = "ü".repeat(40);

        Api.Response ascii = api().post("/api/users", Map.of("email", email, "password", seventyThreeBytes));
        Api.Response umlauts = api().post("/api/users", Map.of("email", email, "password", multiByte));
        Api.Response login = api().post("/token", Map.of("email", email, "password", "x".repeat(100)));
        Api.Response formLogin = api().send("POST", "/token", "username=" + URLEncoder.encode(email, UTF_8)
                + "&password=" + "x".repeat(100), "application/x-www-form-urlencoded");

        for (Api.Response refused : List.of(ascii, umlauts, login, formLogin)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error().path("details").findValuesAsText("field")).containsExactly("password");
        }
        assertThat(api().post("/api/users", Map.of("email", email, "password", "p".repeat(72))).status())
                .isEqualTo(201);
    }

    @Test
    void signUpNamesEveryInvalidField() {
        Api.Response response = api().post("/api/users", Map.of("email", "not-an-email", "password", "short", "id", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "password", "id");
    }
}
