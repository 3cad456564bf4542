package io.voicepartner.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-up, login and the caller, as API.md's identity section specifies them. */
class IdentityIT extends PlatformIT {

    @Test
    void signUpAnswersTheUserWithoutAnyPassword() {
        String email = "Ada-" + UUID.randomUUID() + "@Example.com";

        Api.Response signedUp =
                api().post("/api/users", Map.of("email", email, "password", "correct horse", "name", "Ada"));

        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(signedUp.data().path("email").asText()).isEqualTo(email.toLowerCase(Locale.ROOT));
        assertThat(signedUp.data().path("name").asText()).isEqualTo("Ada");
        assertThat(signedUp.text()).doesNotContain("correct horse").doesNotContain("$2a$");
        assertThat(signedUp.data().has("password")).isFalse();
        assertThat(signedUp.data().has("password_hash")).isFalse();
    }

    @Test
    void anEmailCanOnlyBeUsedOnceWhateverItsCase() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        assertThat(api().post("/api/users", Map.of("email", email, "password", "correct horse"))
                        .status())
                .isEqualTo(201);

        Api.Response again =
                api().post("/api/users", Map.of("email", email.toUpperCase(Locale.ROOT), "password", "another one"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().path("code").asText()).isEqualTo("email_taken");
    }

    @Test
    void loginWithJsonOrFormAnswersABearerToken() {
        Api.User user = api().signUp();
        String form = "username=" + URLEncoder.encode(user.email(), UTF_8) + "&password="
                + URLEncoder.encode(user.password(), UTF_8);

        Api.Response json = api().post("/token", Map.of("email", user.email(), "password", user.password()));
        Api.Response formLogin = api().send("POST", "/token", form, "application/x-www-form-urlencoded");

        for (Api.Response login : new Api.Response[] {json, formLogin}) {
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            assertThat(login.json().path("token_type").asText()).isEqualTo("bearer");
            assertThat(login.json().path("expires_in").asLong()).isEqualTo(1800);
            String token = login.json().path("access_token").asText();
            Api.Response me =
                    api().withHeader("Authorization", "Bearer " + token).get("/api/users/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.data().path("id").asText()).isEqualTo(user.id());
            assertThat(me.data().path("email").asText()).isEqualTo(user.email());
        }
    }

    @Test
    void aWrongPasswordOrUnknownEmailIsRefusedAlike() {
        Api.User user = api().signUp();

        Api.Response wrongPassword =
                api().post("/token", Map.of("email", user.email(), "password", "not the password"));
        Api.Response unknownEmail = api().post(
                        "/token",
                        Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "whatever1"));

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

    /** Failures are counted per e-mail and client: whoever guesses from one client does not lock the owner out. */
    @Test
    void failuresFromOneClientDoNotLockTheOwnerOutOfAnother() {
        Api.User victim = api().signUp();
        Api.Response guessed = null;
        for (int attempt = 0; attempt < 11; attempt++) {
            guessed = api().post("/token", Map.of("email", victim.email(), "password", "guess " + attempt));
        }

        Api.Response owner = throughGateway("198.51.100.7")
                .post("/token", Map.of("email", victim.email(), "password", victim.password()));

        assertThat(guessed.status()).isEqualTo(429);
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
        assertThat(owner.json().path("access_token").asText()).isNotEmpty();
    }

    /** The tests' own requests come from 127.0.0.1, which is no trusted proxy: what it forwards is not believed. */
    @Test
    void aForwardedAddressFromAnUntrustedPeerDoesNotChangeTheClient() {
        Api.User user = api().signUp();
        for (int attempt = 0; attempt < 10; attempt++) {
            Api.Response failed = api().withHeader("X-Forwarded-For", "203.0.113." + attempt)
                    .post("/token", Map.of("email", user.email(), "password", "guess " + attempt));
            assertThat(failed.status()).isEqualTo(401);
        }

        Api.Response forged = api().withHeader("X-Forwarded-For", "203.0.113.99")
                .withHeader("Forwarded", "for=203.0.113.98")
                .post("/token", Map.of("email", user.email(), "password", "one more guess"));

        assertThat(forged.status()).isEqualTo(429);
        assertThat(forged.error().path("code").asText()).isEqualTo("rate_limited");
    }

    /**
     * Through a trusted gateway the client is the last address it forwarded in {@code X-Forwarded-For}: whatever
     * the client itself put to the left of it, or in a {@code Forwarded} header the gateway passed on, is not
     * read, and another client behind the same gateway is counted apart.
     */
    @Test
    void aTrustedGatewaysForwardedAddressIsTheClient() {
        Api.User user = api().signUp();
        for (int attempt = 0; attempt < 10; attempt++) {
            Api.Response failed = throughGateway("10.9.8." + attempt + ", 203.0.113.5")
                    .post("/token", Map.of("email", user.email(), "password", "guess " + attempt));
            assertThat(failed.status()).isEqualTo(401);
        }

        Api.Response sameClient = throughGateway("10.9.8.99, 203.0.113.5")
                .post("/token", Map.of("email", user.email(), "password", "one more guess"));
        Api.Response sameClientForwarded = throughGateway("203.0.113.5")
                .withHeader("Forwarded", "for=203.0.113.77")
                .post("/token", Map.of("email", user.email(), "password", "one more guess"));
        Api.Response anotherClient = throughGateway("203.0.113.6")
                .post("/token", Map.of("email", user.email(), "password", user.password()));

        assertThat(sameClient.status()).isEqualTo(429);
        assertThat(sameClientForwarded.status()).isEqualTo(429);
        assertThat(anotherClient.status()).as(anotherClient.toString()).isEqualTo(200);
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
        Api.Response formLogin = api().send(
                        "POST",
                        "/token",
                        "username=" + URLEncoder.encode(email, UTF_8) + "&password=" + "x".repeat(100),
                        "application/x-www-form-urlencoded");

        for (Api.Response refused : List.of(ascii, umlauts, login, formLogin)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error().path("details").findValuesAsText("field"))
                    .containsExactly("password");
        }
        assertThat(api().post("/api/users", Map.of("email", email, "password", "p".repeat(72)))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void signUpNamesEveryInvalidField() {
        Api.Response response =
                api().post("/api/users", Map.of("email", "not-an-email", "password", "short", "id", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "password", "id");
    }
}
