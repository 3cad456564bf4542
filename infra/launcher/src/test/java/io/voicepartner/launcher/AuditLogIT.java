package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An organization's audit log as API.md promises it (issue 18): who did what, newest first, each entry with the same
 * actor object as the histories (a member's e-mail, a key's prefix), its action, its resource and its request; the
 * members' sign-ins, right and wrong, where they belonged when they signed in; filters and pages; read by owners,
 * admins and keys with {@code audit:read} alone.
 */
class AuditLogIT extends PlatformIT {

    private Api.User annaUser;
    private Api anna;
    private String acme;
    private Api.User benUser;
    private Api ben;

    @BeforeEach
    void annaOpensAcmeAndBenJoinsAsEditor() {
        annaUser = api().signUp();
        Api.Response opened = api().as(annaUser).post("/api/organizations", Map.of("name", "Acme"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        acme = opened.data().path("id").asText();
        anna = api().as(annaUser).withHeader("X-Organization-Id", acme);
        benUser = api().signUp();
        Api.Response invited = anna.post(
                "/api/organizations/" + acme + "/invitations", Map.of("email", benUser.email(), "role", "editor"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        Api.Response accepted = api().as(benUser)
                .post("/api/invitations/" + invited.data().path("token").asText() + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        ben = api().as(benUser).withHeader("X-Organization-Id", acme);
    }

    @Test
    void twoMembersWritesAppearNewestFirstWithTheirActorsResourcesAndRequests() {
        String requestId = "req-" + UUID.randomUUID();
        String assistant = anna.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        Api.Response renamed = ben.withHeader("X-Request-Id", requestId)
                .patch("/api/assistants/" + assistant, Map.of("name", "Reception"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

        JsonNode log = awaitLog("", 5);

        assertThat(actions(log))
                .containsExactly(
                        "AssistantUpdated",
                        "AssistantCreated",
                        "MemberAdded",
                        "InvitationCreated",
                        "OrganizationCreated");
        JsonNode bens = log.get(0);
        assertThat(bens.path("actor")).isEqualTo(actor(benUser));
        assertThat(bens.path("resource")).isEqualTo(Api.JSON.valueToTree(Map.of("type", "assistant", "id", assistant)));
        assertThat(bens.path("request_id").asText()).isEqualTo(requestId);
        assertThat(bens.has("client_address")).as("only a sign-in has one").isFalse();
        assertThat(bens.path("occurred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(log.get(1).path("actor")).isEqualTo(actor(annaUser));
        assertThat(log.get(2).path("actor"))
                .as("accepting the invitation was Ben's")
                .isEqualTo(actor(benUser));
        assertThat(log.get(2).path("resource"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "organization", "id", acme)));
        assertThat(log.findValuesAsText("request_id")).doesNotContain("", "null");
        JsonNode history = anna.get("/api/assistants/" + assistant + "/history").data();
        assertThat(history.get(1).path("actor"))
                .as("the history shows the same actor")
                .isEqualTo(bens.path("actor"));
        assertThat(api().as(annaUser)
                        .get("/api/organizations/" + annaUser.id() + "/audit-log")
                        .data()
                        .toString())
                .as("Acme's entries are Acme's alone")
                .doesNotContain(acme)
                .doesNotContain(assistant);
    }

    @Test
    void anApiKeysWritesAreItsOwnWithItsPrefixAndAKeyWithAuditReadReadsTheLog() {
        Api.Response created = anna.post(
                "/api/organizations/" + acme + "/api-keys", Map.of("name", "CI", "scopes", List.of("config:write")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.data().path("id").asText();
        Api ci = key(created);
        Api auditor = key(anna.post(
                "/api/organizations/" + acme + "/api-keys", Map.of("name", "SIEM", "scopes", List.of("audit:read"))));
        String assistant = ci.post("/api/assistants", Map.of("name", "Deployed by CI"))
                .data()
                .path("id")
                .asText();
        assertThat(anna.delete("/api/organizations/" + acme + "/api-keys/" + keyId)
                        .status())
                .isEqualTo(200);

        JsonNode byTheKey = awaitLog("?actor_id=" + keyId, 1);

        assertThat(actions(byTheKey)).containsExactly("AssistantCreated");
        assertThat(byTheKey.get(0).path("actor"))
                .as("a revoked key keeps its prefix in the log")
                .isEqualTo(Api.JSON.valueToTree(Map.of(
                        "type",
                        "api_key",
                        "id",
                        keyId,
                        "prefix",
                        created.data().path("prefix").asText())));
        assertThat(byTheKey.get(0).path("resource").path("id").asText()).isEqualTo(assistant);
        assertThat(actions(awaitLog("?action=ApiKeyRevoked", 1))).containsExactly("ApiKeyRevoked");
        Api.Response read = auditor.get("/api/organizations/" + acme + "/audit-log?actor_id=" + keyId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.data()).isEqualTo(byTheKey);
        Api.Response refused = ci.get("/api/organizations/" + acme + "/audit-log");
        assertThat(refused.status()).as("a revoked key is no caller").isEqualTo(401);
        Api writer = key(anna.post(
                "/api/organizations/" + acme + "/api-keys",
                Map.of("name", "Writer", "scopes", List.of("config:write"))));
        Api.Response withoutTheScope = writer.get("/api/organizations/" + acme + "/audit-log");
        assertThat(withoutTheScope.status()).as(withoutTheScope.toString()).isEqualTo(403);
        assertThat(withoutTheScope.error().path("message").asText()).contains("'audit:read'");
    }

    @Test
    void aMembersSignInsRightAndWrongAreInEveryOrganizationTheyBelongedToThen() {
        api().login(benUser.email(), benUser.password());
        Api.Response wrong = api().post("/token", Map.of("email", benUser.email(), "password", "not ben's password"));
        assertThat(wrong.status()).isEqualTo(401);
        Api.Response stranger = api().post(
                        "/token",
                        Map.of(
                                "email",
                                "nobody-" + UUID.randomUUID() + "@example.com",
                                "password",
                                "not anyone's password"));
        assertThat(stranger.status()).isEqualTo(401);

        JsonNode signIns = awaitLog("?resource_type=user", 2);

        assertThat(actions(signIns))
                .as("Ben's sign-up sign-in was before he joined Acme")
                .containsExactly("SignInFailed", "SignInSucceeded");
        for (JsonNode signIn : signIns) {
            assertThat(signIn.path("actor")).isEqualTo(actor(benUser));
            assertThat(signIn.path("resource"))
                    .isEqualTo(Api.JSON.valueToTree(Map.of("type", "user", "id", benUser.id())));
            assertThat(signIn.path("client_address").asText()).isNotBlank();
            assertThat(signIn.path("request_id").asText()).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(actions(api().as(benUser)
                                .get("/api/organizations/" + benUser.id() + "/audit-log?resource_type=user")
                                .data()))
                        .as("his personal organization has every sign-in of his, the one after signing up too")
                        .containsExactly("SignInFailed", "SignInSucceeded", "SignInSucceeded", "UserRegistered"));
        assertThat(awaitLog("?action=SignInFailed", 1).toString()).doesNotContain("nobody-");
    }

    @Test
    void filtersNarrowTheLogAndPagesWalkItWithoutGapsOrRepeats() {
        // the log keeps milliseconds
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String assistant = anna.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String tool = AssistantToolsIT.tool(ben, "Calendar");
        assertThat(ben.patch("/api/assistants/" + assistant, Map.of("name", "Reception"))
                        .status())
                .isEqualTo(200);
        JsonNode all = awaitLog("", 6);
        Instant after = Instant.now();

        assertThat(actions(awaitLog("?actor_id=" + benUser.id(), 3)))
                .containsExactly("AssistantUpdated", "ToolCreated", "MemberAdded");
        assertThat(actions(awaitLog("?resource_type=tool", 1))).containsExactly("ToolCreated");
        assertThat(actions(awaitLog("?resource_id=" + assistant, 2)))
                .containsExactly("AssistantUpdated", "AssistantCreated");
        assertThat(awaitLog("?action=AssistantCreated", 1)
                        .get(0)
                        .path("resource")
                        .path("id")
                        .asText())
                .isEqualTo(assistant);
        assertThat(actions(awaitLog("?from=" + encode(before.toString()) + "&to=" + encode(after.toString()), 3)))
                .containsExactly("AssistantUpdated", "ToolCreated", "AssistantCreated");
        assertThat(anna.get("/api/organizations/" + acme + "/audit-log?resource_id=" + tool)
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .isEqualTo(1);

        List<String> paged = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response page = anna.get("/api/organizations/" + acme + "/audit-log?limit=3" + cursor);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("meta").path("total").asLong()).isEqualTo(all.size());
            page.data().forEach(entry -> paged.add(entry.path("id").asText()));
            String next = page.json().path("meta").path("next_cursor").asText(null);
            cursor = next == null ? null : "&cursor=" + next;
        } while (cursor != null);
        assertThat(paged).isEqualTo(field(all, "id"));
    }

    @Test
    void everyBadFilterIsNamedAtOnce() {
        Api.Response refused = anna.get("/api/organizations/" + acme + "/audit-log?limit=0&cursor=nonsense"
                + "&actor_id=" + "x".repeat(65) + "&resource_type=robot&resource_id=" + "y".repeat(65)
                + "&action=Rebooted&from=yesterday&to=2026-13-01");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "limit", "cursor", "actor_id", "resource_type", "resource_id", "action", "from", "to");
        Api.Response backwards = anna.get(
                "/api/organizations/" + acme + "/audit-log?from=2026-02-01T00:00:00Z" + "&to=2026-01-01T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.error().path("details").findValuesAsText("field")).containsExactly("to");
    }

    @Test
    void ownersAndAdminsReadItEditorsAndViewersAreRefusedAndStrangersFindNothing() {
        Api admin = Organizations.join(anna, acme, api(), Role.ADMIN);
        Api viewer = Organizations.join(anna, acme, api(), Role.VIEWER);
        Api stranger = api().as(api().signUp());
        String path = "/api/organizations/" + acme + "/audit-log";

        assertThat(anna.get(path).status()).isEqualTo(200);
        assertThat(admin.get(path).status()).isEqualTo(200);
        for (Api refused : List.of(ben, viewer)) {
            Api.Response answer = refused.get(path);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.error().path("code").asText()).isEqualTo("forbidden");
            assertThat(answer.error().path("message").asText()).contains("'admin'");
        }
        Api.Response notFound = stranger.get(path);
        assertThat(notFound.status()).as(notFound.toString()).isEqualTo(404);
        assertThat(notFound.error().path("code").asText()).isEqualTo("not_found");
    }

    /** Acme's log with the query, once it has at least {@code entries} entries (the read model follows the writes). */
    private JsonNode awaitLog(String query, int entries) {
        String path = "/api/organizations/" + acme + "/audit-log" + query;
        await().atMost(Duration.ofSeconds(30)).until(() -> anna.get(path).data().size() >= entries);
        Api.Response log = anna.get(path);
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        return log.data();
    }

    /** The platform as a machine calling with the key an admin's request just created. */
    private Api key(Api.Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return api().withHeader(
                        "Authorization", "Bearer " + created.data().path("key").asText());
    }

    private static List<String> actions(JsonNode log) {
        return field(log, "action");
    }

    /** Each entry's own field ({@code findValuesAsText} would also find its actor's and resource's). */
    private static List<String> field(JsonNode log, String name) {
        List<String> values = new ArrayList<>();
        log.forEach(entry -> values.add(entry.path(name).asText()));
        return values;
    }

    private static JsonNode actor(Api.User user) {
        return Api.JSON.valueToTree(Map.of("type", "user", "id", user.id(), "email", user.email()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
