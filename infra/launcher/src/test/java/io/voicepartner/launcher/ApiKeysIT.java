package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API keys over HTTP (issue 18): an admin creates one for a machine and sees its secret once; the machine calls with
 * {@code Authorization: Bearer vp_…} and acts for the organization with the key's scopes and nothing else, as
 * {@code api_key:<id>}; a revoked or expired key is refused like a bad token.
 */
class ApiKeysIT extends PlatformIT {

    private Api.User annaUser;
    private Api anna;
    private String acme;
    /** The secrets of the keys a test created, by key id. */
    private final Map<String, String> secrets = new HashMap<>();

    @BeforeEach
    void annaOpensAcme() {
        annaUser = api().signUp();
        Api.Response opened = api().as(annaUser).post("/api/organizations", Map.of("name", "Acme"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        acme = opened.data().path("id").asText();
        anna = api().as(annaUser).withHeader("X-Organization-Id", acme);
    }

    @Test
    void anAdminCreatesAKeyWhoseSecretIsShownOnceAndListedByItsPrefix() {
        Instant expires = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.MILLIS);
        Api.Response created = anna.post(
                keys(),
                Map.of(
                        "name",
                        "Voice runtime",
                        "scopes",
                        List.of("usage:write", "config:read", "usage:write"),
                        "expires_at",
                        expires.toString()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode key = created.data();
        String secret = key.path("key").asText();
        assertThat(secret).matches("vp_[A-Za-z0-9_-]{43}");
        assertThat(key.path("prefix").asText()).isEqualTo(secret.substring(0, 11));
        assertThat(key.path("scopes")).extracting(JsonNode::asText).containsExactly("config:read", "usage:write");
        assertThat(key.path("created_by").asText()).isEqualTo(annaUser.id());
        assertThat(Instant.parse(key.path("expires_at").asText())).isEqualTo(expires);

        Api.Response listed = anna.get(keys());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode shown = listed.data().get(0);
        assertThat(shown.path("id").asText()).isEqualTo(key.path("id").asText());
        assertThat(shown.path("organization_id").asText()).isEqualTo(acme);
        assertThat(shown.path("name").asText()).isEqualTo("Voice runtime");
        assertThat(shown.path("prefix").asText()).isEqualTo(secret.substring(0, 11));
        assertThat(shown.path("scopes")).extracting(JsonNode::asText).containsExactly("config:read", "usage:write");
        assertThat(shown.path("created_by").asText()).isEqualTo(annaUser.id());
        assertThat(shown.path("created_at").isTextual()).isTrue();
        assertThat(Instant.parse(shown.path("expires_at").asText())).isEqualTo(expires);
        assertThat(shown.path("last_used_at").isNull()).isTrue();
        assertThat(shown.path("revoked_at").isNull()).isTrue();
        assertThat(shown.has("key")).isFalse();
        assertThat(listed.text()).doesNotContain(secret.substring(11));
        assertThat(anna.get("/api/organizations/" + acme).text()).doesNotContain(secret.substring(11));
    }

    @Test
    void aUsageWriteKeyReportsExecutionsAndCanReadNothingElse() {
        String tool = AssistantToolsIT.tool(anna, "Calendar");
        String assistant = created(anna.post("/api/assistants", Map.of("name", "Front desk")));
        Api runtime = withKey(createKey("Voice runtime", "usage:write"));

        Api.Response reported = runtime.post(
                "/api/tools/" + tool + "/executions",
                Map.of(
                        "execution_id",
                        "e-1",
                        "duration_ms",
                        120,
                        "success",
                        true,
                        "status_code",
                        200,
                        "assistant_id",
                        assistant));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(202);
        assertThat(reported.data().path("recorded").asInt()).isEqualTo(1);

        for (String read : List.of(
                "/api/tools",
                "/api/tools/" + tool,
                "/api/tools/" + tool + "/executions",
                "/api/assistants",
                "/api/assistants/" + assistant,
                "/api/organizations/" + acme,
                "/api/organizations/" + acme + "/members",
                "/api/analytics/tool-executions")) {
            Api.Response refused = runtime.get(read);
            assertThat(refused.status()).as(read + " → " + refused).isEqualTo(403);
            assertThat(refused.error().path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.error().path("message").asText()).contains("usage:write");
        }
        assertThat(runtime.post("/api/assistants", Map.of("name", "Mine")).status())
                .isEqualTo(403);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> anna.get("/api/tools/" + tool + "/executions")
                                .data()
                                .size(),
                        size -> size == 1);
    }

    @Test
    void aConfigReadKeyReadsItsOrganizationButCannotWrite() {
        String assistant = created(anna.post("/api/assistants", Map.of("name", "Front desk")));
        Api ci = withKey(createKey("CI", "config:read"));

        Api.Response read = ci.get("/api/assistants/" + assistant);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.data().path("organization_id").asText()).isEqualTo(acme);
        assertThat(ci.get("/api/assistants").data().findValuesAsText("id")).containsExactly(assistant);
        Api.Response organization = ci.get("/api/organizations/" + acme);
        assertThat(organization.status()).as(organization.toString()).isEqualTo(200);
        assertThat(organization.data().path("name").asText()).isEqualTo("Acme");
        assertThat(organization.data().path("role").isNull())
                .as("a key has no role")
                .isTrue();

        for (Api.Response refused : List.of(
                ci.post("/api/assistants", Map.of("name", "Mine")),
                ci.patch("/api/assistants/" + assistant, Map.of("name", "CI's")),
                ci.delete("/api/assistants/" + assistant),
                ci.post("/api/tools/" + assistant + "/executions", Map.of()))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.error().path("message").asText()).contains("config:read");
        }
        assertThat(anna.get("/api/assistants/" + assistant).data().path("name").asText())
                .isEqualTo("Front desk");
    }

    @Test
    void aKeyActsInItsOwnOrganizationAloneAndNeverAsAPerson() {
        Api ci = withKey(createKey("CI", "config:read", "config:write"));
        String personalAssistant = created(api().as(annaUser).post("/api/assistants", Map.of("name", "Anna's own")));

        assertThat(ci.get("/api/assistants").data().findValuesAsText("id")).doesNotContain(personalAssistant);
        Api.Response elsewhere =
                ci.withHeader("X-Organization-Id", annaUser.id()).get("/api/assistants");
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
        assertThat(ci.get("/api/organizations/" + annaUser.id()).status()).isEqualTo(404);
        assertThat(ci.get("/api/assistants/" + personalAssistant).status()).isEqualTo(404);

        for (Api.Response personal : List.of(
                ci.get("/api/users/me"),
                ci.get("/api/organizations"),
                ci.post("/api/organizations", Map.of("name", "The key's own")))) {
            assertThat(personal.status()).as(personal.toString()).isEqualTo(403);
            assertThat(personal.error().path("message").asText()).contains("not for a person");
        }
    }

    @Test
    void aKeysWritesAreItsOwnAndAKeyWithoutConfigReadIsNotShownWhatItWrote() {
        String keyId = createKeyId("Deployer", "config:read", "config:write");
        Api deployer = withKey(secrets.get(keyId));

        Api.Response created = deployer.post("/api/assistants", Map.of("name", "Deployed"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String assistant = created.data().path("id").asText();
        assertThat(created.data().path("created_by").asText()).isEqualTo("api_key:" + keyId);
        assertThat(deployer.patch("/api/assistants/" + assistant, Map.of("name", "Redeployed"))
                        .status())
                .isEqualTo(200);
        JsonNode history = anna.get("/api/assistants/" + assistant + "/history").data();
        assertThat(history.findValues("actor")).hasSize(2).allSatisfy(actor -> {
            assertThat(actor.path("type").asText()).isEqualTo("api_key");
            assertThat(actor.path("id").asText()).isEqualTo(keyId);
            assertThat(actor.path("prefix").asText()).startsWith("vp_");
        });

        Api writeOnly = withKey(createKey("Write-only", "config:write"));
        Api.Response unread = writeOnly.post("/api/assistants", Map.of("name", "Blind"));
        assertThat(unread.status()).as(unread.toString()).isEqualTo(202);
        assertThat(unread.data().path("revision").asLong()).isEqualTo(1);
        assertThat(unread.data().has("name")).isFalse();
        // as a client reads what a 202 named: at least at its revision
        assertThat(anna.withHeader("X-Min-Revision", "1")
                        .get("/api/assistants/" + unread.data().path("id").asText())
                        .data()
                        .path("name")
                        .asText())
                .isEqualTo("Blind");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndListedAsRevoked() {
        String keyId = createKeyId("CI", "config:read");
        Api ci = withKey(secrets.get(keyId));
        assertThat(ci.get("/api/assistants").status()).isEqualTo(200);

        Api.Response revoked = anna.delete(keys() + "/" + keyId);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Api.Response refused = ci.get("/api/assistants");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.error().path("code").asText()).isEqualTo("unauthorized");
        assertThat(ci.post("/api/assistants", Map.of("name", "After")).status()).isEqualTo(401);
        assertThat(anna.get(keys()).data().get(0).path("revoked_at").isTextual())
                .isTrue();
        assertThat(anna.delete(keys() + "/" + keyId).status())
                .as("revoked already")
                .isEqualTo(404);
    }

    @Test
    void anExpiredKeyIsRefused() {
        Api.Response created = anna.post(
                keys(),
                Map.of(
                        "name",
                        "Short-lived",
                        "scopes",
                        List.of("config:read"),
                        "expires_at",
                        Instant.now().plusSeconds(2).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api shortLived = withKey(created.data().path("key").asText());

        // the key works until its time, then is refused on every request: the poll waits for its time to pass
        await().atMost(Duration.ofSeconds(30))
                .until(() -> shortLived.get("/api/assistants").status() == 401);
        assertThat(shortLived.get("/api/assistants").error().path("message").asText())
                .contains("valid bearer token");
    }

    @Test
    void whatIsNoKeyOfThisPlatformIsRefusedLikeABadToken() {
        for (String token : List.of("vp_" + "A".repeat(43), "vp_short", "vp_" + "a".repeat(42) + "!")) {
            Api.Response refused =
                    api().withHeader("Authorization", "Bearer " + token).get("/api/assistants");
            assertThat(refused.status()).as(token + " → " + refused).isEqualTo(401);
        }
    }

    @Test
    void aKeysLastUseIsListedWithinAMinuteAndEachUseIsCounted() {
        String keyId = createKeyId("CI", "config:read");
        Api ci = withKey(secrets.get(keyId));
        Prometheus metrics = new Prometheus(api());

        assertThat(ci.get("/api/assistants").status()).isEqualTo(200);
        assertThat(ci.get("/api/assistants").status()).isEqualTo(200);

        assertThat(metrics.sample("voicepartner_api_keys_authentications_total", "key_id=\"" + keyId + "\""))
                .hasValueSatisfying(count -> assertThat(count).isEqualTo(2.0));
        // the rounds pass uses on every second here (30 s in production): a bounded wait, not a measurement
        await().atMost(Duration.ofSeconds(30))
                .until(() -> anna.get(keys()).data().get(0).path("last_used_at").isTextual());
    }

    @Test
    void onlyAnAdminCreatesOrRevokesKeysAndNoKeyDoes() {
        Api editor =
                Organizations.join(api().as(annaUser), acme, api(), Role.EDITOR).withHeader("X-Organization-Id", acme);
        Api everything = withKey(createKey(
                "Everything",
                "config:read",
                "config:write",
                "usage:write",
                "analytics:read",
                "audit:read",
                "runtime:read"));
        Map<String, Object> body = Map.of("name", "Mine", "scopes", List.of("config:read"));

        for (Api refused : List.of(editor, everything)) {
            Api.Response creating = refused.post(keys(), body);
            assertThat(creating.status()).as(creating.toString()).isEqualTo(403);
            assertThat(refused.get(keys()).status()).isEqualTo(403);
        }
        Api.Response byAKey = everything.post(keys(), body);
        assertThat(byAKey.error().path("message").asText()).contains("No API key");
    }

    @Test
    void everyBadFieldOfANewKeyIsNamed() {
        Api.Response refused = anna.post(
                keys(),
                Map.of(
                        "scopes",
                        List.of("config:read", "root"),
                        "expires_at",
                        "2020-01-01T00:00:00Z",
                        "key",
                        "vp_mine",
                        "prefix",
                        "vp_x"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("details").findValuesAsText("field"))
                .contains("name", "key", "prefix", "expires_at")
                .anyMatch(field -> field.startsWith("scopes"));
        Api.Response noScopes = anna.post(keys(), Map.of("name", "Nothing", "scopes", List.of()));
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(noScopes.error().path("details").findValuesAsText("message"))
                .contains("must name at least one scope");
    }

    @Test
    void aRetryWithAnIdempotencyKeyCreatesAnotherKeyRatherThanShowingTheSecretAgain() {
        Api once = anna.withHeader("Idempotency-Key", "create-ci-key");
        Map<String, Object> body = Map.of("name", "CI", "scopes", List.of("config:read"));

        Api.Response first = once.post(keys(), body);
        Api.Response second = once.post(keys(), body);

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.data().path("key").asText())
                .isNotEqualTo(first.data().path("key").asText());
    }

    private String keys() {
        return "/api/organizations/" + acme + "/api-keys";
    }

    /** Creates a key as Anna and answers its secret. */
    private String createKey(String name, String... scopes) {
        return secrets.get(createKeyId(name, scopes));
    }

    /** Creates a key as Anna and answers its id; its secret is in {@link #secrets}. */
    private String createKeyId(String name, String... scopes) {
        Api.Response created = anna.post(keys(), Map.of("name", name, "scopes", List.of(scopes)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        secrets.put(
                created.data().path("id").asText(), created.data().path("key").asText());
        return created.data().path("id").asText();
    }

    private Api withKey(String secret) {
        return api().withHeader("Authorization", "Bearer " + secret);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }
}
