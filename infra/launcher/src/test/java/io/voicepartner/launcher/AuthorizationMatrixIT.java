package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorisation matrix: every operation of {@code /openapi.json} × every role and every API key scope × a
 * member and an outsider of the organization, each answer as {@link #LEAST_ROLE} and {@link #SCOPE} say. The
 * operations come from the document, and one the tables do not classify fails the test: a new route is covered, or
 * the test says what to decide about it.
 *
 * <p>A refused role or key gets {@code 403 forbidden}; an allowed one anything but that (a read of the
 * organization's own resources {@code 200}; a write, sent with ids nobody has and an empty body so that the matrix
 * changes nothing, whatever comes after the access check: {@code 400}, {@code 404}, {@code 409}); a user or a key of
 * another organization {@code 404 not_found} on every route, as for any resource of another tenant. Each key has one
 * scope alone; no key reaches a person's route nor one that manages the organization ({@code 403}).
 */
class AuthorizationMatrixIT extends PlatformIT {

    /** Routes of a signed-in user that act in no organization: every member's, nobody's to refuse. */
    private static final String PERSONAL = "personal";

    private static final String SIGN_OUT = "POST /api/users/me/sign-out";
    /** Routes without a caller, outside the matrix. */
    private static final String PUBLIC = "public";

    /** What each operation needs, by {@code METHOD path}: the least role, or {@link #PERSONAL}, {@link #PUBLIC}. */
    private static final Map<String, String> LEAST_ROLE = Map.ofEntries(
            Map.entry("POST /token", PUBLIC),
            Map.entry("POST /api/users", PUBLIC),
            Map.entry("GET /health", PUBLIC),
            Map.entry("GET /schema", PUBLIC),
            Map.entry("GET /api/users/me", PERSONAL),
            Map.entry("POST /api/users/me/password", PERSONAL),
            Map.entry("POST /api/users/me/sign-out", PERSONAL),
            Map.entry("DELETE /api/users/me", PERSONAL),
            Map.entry("GET /api/users/me/export", PERSONAL),
            Map.entry("GET /api/organizations", PERSONAL),
            Map.entry("POST /api/organizations", PERSONAL),
            Map.entry("POST /api/invitations/{token}/accept", PERSONAL),
            Map.entry("GET /api/organizations/{organizationId}", "viewer"),
            Map.entry("GET /api/organizations/{organizationId}/members", "viewer"),
            Map.entry("PATCH /api/organizations/{organizationId}", "admin"),
            Map.entry("DELETE /api/organizations/{organizationId}", "owner"),
            Map.entry("PATCH /api/organizations/{organizationId}/members/{userId}", "admin"),
            // any member may leave; removing another member takes an admin, which the organization itself decides
            // (OrganizationsIT, OrganizationTest)
            Map.entry("DELETE /api/organizations/{organizationId}/members/{userId}", "viewer"),
            Map.entry("GET /api/organizations/{organizationId}/invitations", "admin"),
            Map.entry("POST /api/organizations/{organizationId}/invitations", "admin"),
            Map.entry("DELETE /api/organizations/{organizationId}/invitations/{invitationId}", "admin"),
            Map.entry("GET /api/organizations/{organizationId}/api-keys", "admin"),
            Map.entry("POST /api/organizations/{organizationId}/api-keys", "admin"),
            Map.entry("DELETE /api/organizations/{organizationId}/api-keys/{keyId}", "admin"),
            Map.entry("GET /api/organizations/{organizationId}/audit-log", "admin"),
            Map.entry("GET /api/analytics/assistants", "viewer"),
            Map.entry("GET /api/analytics/file-uploads", "viewer"),
            Map.entry("GET /api/analytics/phone-numbers", "viewer"),
            Map.entry("GET /api/analytics/tool-executions", "viewer"),
            Map.entry("GET /api/assistants", "viewer"),
            Map.entry("POST /api/assistants", "editor"),
            Map.entry("GET /api/assistants/{id}", "viewer"),
            Map.entry("PUT /api/assistants/{id}", "editor"),
            Map.entry("PATCH /api/assistants/{id}", "editor"),
            Map.entry("DELETE /api/assistants/{id}", "editor"),
            Map.entry("POST /api/assistants/{id}/restore", "editor"),
            Map.entry("POST /api/assistants/{id}/clone", "editor"),
            Map.entry("GET /api/assistants/{id}/history", "viewer"),
            Map.entry("GET /api/events", "viewer"),
            Map.entry("GET /api/events/{id}", "viewer"),
            Map.entry("GET /api/events/stream", "viewer"),
            Map.entry("GET /api/assistants/{id}/tools", "viewer"),
            Map.entry("POST /api/assistants/{id}/tools", "editor"),
            Map.entry("DELETE /api/assistants/{id}/tools", "editor"),
            Map.entry("GET /api/assistants/{id}/files", "viewer"),
            Map.entry("POST /api/assistants/{id}/files", "editor"),
            Map.entry("PUT /api/assistants/{id}/files", "editor"),
            Map.entry("DELETE /api/assistants/{id}/files", "editor"),
            Map.entry("GET /api/assistants/{id}/versions", "viewer"),
            Map.entry("POST /api/assistants/{id}/versions", "editor"),
            Map.entry("GET /api/assistants/{id}/versions/{number}", "viewer"),
            Map.entry("GET /api/assistants/{id}/versions/{number}/diff", "viewer"),
            Map.entry("POST /api/assistants/{id}/versions/{number}/restore", "editor"),
            Map.entry("GET /api/tools", "viewer"),
            Map.entry("POST /api/tools", "editor"),
            Map.entry("GET /api/tools/{id}", "viewer"),
            Map.entry("PUT /api/tools/{id}", "editor"),
            Map.entry("PATCH /api/tools/{id}", "editor"),
            Map.entry("DELETE /api/tools/{id}", "editor"),
            Map.entry("POST /api/tools/{id}/restore", "editor"),
            Map.entry("GET /api/tools/{id}/history", "viewer"),
            Map.entry("POST /api/tools/{id}/test", "editor"),
            Map.entry("GET /api/tools/{id}/executions", "viewer"),
            Map.entry("POST /api/tools/{id}/executions", "editor"),
            Map.entry("GET /api/files", "viewer"),
            Map.entry("POST /api/files", "editor"),
            Map.entry("GET /api/files/{id}", "viewer"),
            Map.entry("PUT /api/files/{id}", "editor"),
            Map.entry("PATCH /api/files/{id}", "editor"),
            Map.entry("DELETE /api/files/{id}", "editor"),
            Map.entry("POST /api/files/{id}/restore", "editor"),
            Map.entry("GET /api/files/{id}/history", "viewer"),
            Map.entry("GET /api/files/{id}/content", "viewer"),
            Map.entry("GET /api/files/{id}/text", "viewer"),
            Map.entry("GET /api/phone-numbers", "viewer"),
            Map.entry("POST /api/phone-numbers", "editor"),
            Map.entry("GET /api/phone-numbers/{id}", "viewer"),
            Map.entry("PUT /api/phone-numbers/{id}", "editor"),
            Map.entry("PATCH /api/phone-numbers/{id}", "editor"),
            Map.entry("DELETE /api/phone-numbers/{id}", "editor"),
            Map.entry("POST /api/phone-numbers/{id}/restore", "editor"),
            Map.entry("GET /api/phone-numbers/{id}/history", "viewer"),
            Map.entry("GET /api/phone-numbers/{id}/calls", "viewer"),
            Map.entry("POST /api/phone-numbers/{id}/usage", "editor"),
            Map.entry("GET /api/webhook-endpoints", "viewer"),
            Map.entry("POST /api/webhook-endpoints", "editor"),
            Map.entry("GET /api/webhook-endpoints/{id}", "viewer"),
            Map.entry("PATCH /api/webhook-endpoints/{id}", "editor"),
            Map.entry("DELETE /api/webhook-endpoints/{id}", "editor"),
            Map.entry("POST /api/webhook-endpoints/{id}/rotate-secret", "editor"),
            Map.entry("POST /api/webhook-endpoints/{id}/test", "editor"),
            Map.entry("GET /api/webhook-endpoints/{id}/deliveries", "viewer"),
            Map.entry("POST /api/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver", "editor"),

            // configuration as code: reading and planning change nothing, applying writes
            Map.entry("GET /api/config/export", "viewer"),
            Map.entry("POST /api/config/plan", "viewer"),
            Map.entry("POST /api/config/apply", "editor"),

            // the call-start lookup answers credentials in clear
            Map.entry("GET /api/runtime/phone-numbers/{e164}", "admin"));

    /** Routes no API key reaches, whatever its scopes. */
    private static final String NO_KEY = "no key";

    /** The one scope that lets a key call each operation, by {@code METHOD path}, or {@link #NO_KEY}. */
    private static final Map<String, String> SCOPE = Map.ofEntries(
            // a person's routes
            Map.entry("GET /api/users/me", NO_KEY),
            Map.entry("POST /api/users/me/password", NO_KEY),
            Map.entry("POST /api/users/me/sign-out", NO_KEY),
            Map.entry("DELETE /api/users/me", NO_KEY),
            Map.entry("GET /api/users/me/export", NO_KEY),
            Map.entry("GET /api/organizations", NO_KEY),
            Map.entry("POST /api/organizations", NO_KEY),
            Map.entry("POST /api/invitations/{token}/accept", NO_KEY),
            Map.entry("GET /api/organizations/{organizationId}", "config:read"),
            Map.entry("GET /api/organizations/{organizationId}/members", "config:read"),
            // managing the organization is its members' alone
            Map.entry("PATCH /api/organizations/{organizationId}", NO_KEY),
            Map.entry("DELETE /api/organizations/{organizationId}", NO_KEY),
            Map.entry("PATCH /api/organizations/{organizationId}/members/{userId}", NO_KEY),
            // leaving is a member's: the organization refuses a key, which is none (OrganizationTest)
            Map.entry("DELETE /api/organizations/{organizationId}/members/{userId}", NO_KEY),
            Map.entry("GET /api/organizations/{organizationId}/invitations", NO_KEY),
            Map.entry("POST /api/organizations/{organizationId}/invitations", NO_KEY),
            Map.entry("DELETE /api/organizations/{organizationId}/invitations/{invitationId}", NO_KEY),
            Map.entry("GET /api/organizations/{organizationId}/api-keys", NO_KEY),
            Map.entry("POST /api/organizations/{organizationId}/api-keys", NO_KEY),
            Map.entry("DELETE /api/organizations/{organizationId}/api-keys/{keyId}", NO_KEY),
            Map.entry("GET /api/organizations/{organizationId}/audit-log", "audit:read"),
            Map.entry("GET /api/runtime/phone-numbers/{e164}", "runtime:read"),
            Map.entry("GET /api/config/export", "config:read"),
            Map.entry("POST /api/config/plan", "config:read"),
            Map.entry("POST /api/config/apply", "config:write"),
            Map.entry("GET /api/analytics/assistants", "analytics:read"),
            Map.entry("GET /api/analytics/file-uploads", "analytics:read"),
            Map.entry("GET /api/analytics/phone-numbers", "analytics:read"),
            Map.entry("GET /api/analytics/tool-executions", "analytics:read"),
            Map.entry("GET /api/assistants", "config:read"),
            Map.entry("POST /api/assistants", "config:write"),
            Map.entry("GET /api/assistants/{id}", "config:read"),
            Map.entry("PUT /api/assistants/{id}", "config:write"),
            Map.entry("PATCH /api/assistants/{id}", "config:write"),
            Map.entry("DELETE /api/assistants/{id}", "config:write"),
            Map.entry("POST /api/assistants/{id}/restore", "config:write"),
            Map.entry("POST /api/assistants/{id}/clone", "config:write"),
            Map.entry("GET /api/assistants/{id}/history", "config:read"),
            Map.entry("GET /api/events", "config:read"),
            Map.entry("GET /api/events/{id}", "config:read"),
            Map.entry("GET /api/events/stream", "config:read"),
            Map.entry("GET /api/assistants/{id}/tools", "config:read"),
            Map.entry("POST /api/assistants/{id}/tools", "config:write"),
            Map.entry("DELETE /api/assistants/{id}/tools", "config:write"),
            Map.entry("GET /api/assistants/{id}/files", "config:read"),
            Map.entry("POST /api/assistants/{id}/files", "config:write"),
            Map.entry("PUT /api/assistants/{id}/files", "config:write"),
            Map.entry("DELETE /api/assistants/{id}/files", "config:write"),
            Map.entry("GET /api/assistants/{id}/versions", "config:read"),
            Map.entry("POST /api/assistants/{id}/versions", "config:write"),
            Map.entry("GET /api/assistants/{id}/versions/{number}", "config:read"),
            Map.entry("GET /api/assistants/{id}/versions/{number}/diff", "config:read"),
            Map.entry("POST /api/assistants/{id}/versions/{number}/restore", "config:write"),
            Map.entry("GET /api/tools", "config:read"),
            Map.entry("POST /api/tools", "config:write"),
            Map.entry("GET /api/tools/{id}", "config:read"),
            Map.entry("PUT /api/tools/{id}", "config:write"),
            Map.entry("PATCH /api/tools/{id}", "config:write"),
            Map.entry("DELETE /api/tools/{id}", "config:write"),
            Map.entry("POST /api/tools/{id}/restore", "config:write"),
            Map.entry("GET /api/tools/{id}/history", "config:read"),
            Map.entry("POST /api/tools/{id}/test", "config:write"),
            Map.entry("GET /api/tools/{id}/executions", "config:read"),
            Map.entry("POST /api/tools/{id}/executions", "usage:write"),
            Map.entry("GET /api/files", "config:read"),
            Map.entry("POST /api/files", "config:write"),
            Map.entry("GET /api/files/{id}", "config:read"),
            Map.entry("PUT /api/files/{id}", "config:write"),
            Map.entry("PATCH /api/files/{id}", "config:write"),
            Map.entry("DELETE /api/files/{id}", "config:write"),
            Map.entry("POST /api/files/{id}/restore", "config:write"),
            Map.entry("GET /api/files/{id}/history", "config:read"),
            Map.entry("GET /api/files/{id}/content", "config:read"),
            Map.entry("GET /api/files/{id}/text", "config:read"),
            Map.entry("GET /api/phone-numbers", "config:read"),
            Map.entry("POST /api/phone-numbers", "config:write"),
            Map.entry("GET /api/phone-numbers/{id}", "config:read"),
            Map.entry("PUT /api/phone-numbers/{id}", "config:write"),
            Map.entry("PATCH /api/phone-numbers/{id}", "config:write"),
            Map.entry("DELETE /api/phone-numbers/{id}", "config:write"),
            Map.entry("POST /api/phone-numbers/{id}/restore", "config:write"),
            Map.entry("GET /api/phone-numbers/{id}/history", "config:read"),
            Map.entry("GET /api/phone-numbers/{id}/calls", "config:read"),
            Map.entry("POST /api/phone-numbers/{id}/usage", "usage:write"),
            Map.entry("GET /api/webhook-endpoints", "config:read"),
            Map.entry("POST /api/webhook-endpoints", "config:write"),
            Map.entry("GET /api/webhook-endpoints/{id}", "config:read"),
            Map.entry("PATCH /api/webhook-endpoints/{id}", "config:write"),
            Map.entry("DELETE /api/webhook-endpoints/{id}", "config:write"),
            Map.entry("POST /api/webhook-endpoints/{id}/rotate-secret", "config:write"),
            Map.entry("POST /api/webhook-endpoints/{id}/test", "config:write"),
            Map.entry("GET /api/webhook-endpoints/{id}/deliveries", "config:read"),
            Map.entry("POST /api/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver", "config:write"));

    /** Every scope a key can have, one key each. */
    private static final List<String> SCOPES =
            List.of("config:read", "config:write", "usage:write", "analytics:read", "audit:read", "runtime:read");

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private String organization;
    private final Map<Role, Api> members = new EnumMap<>(Role.class);
    private Api outsider;
    /** A key of the organization with each scope alone, by scope. */
    private final Map<String, Api> keys = new LinkedHashMap<>();
    /** A key of another organization, with every scope. */
    private Api outsidersKey;
    /** The organization's resources by the path segment that serves them. */
    private final Map<String, String> resources = new LinkedHashMap<>();
    /** The organization's phone number in E.164, which its published assistant answers. */
    private String e164;

    @BeforeEach
    void anOrganizationWithOneMemberOfEachRoleAndOneOfEveryResource() {
        Api.User ownerUser = api().signUp();
        Api owner = api().as(ownerUser);
        Api.Response opened = owner.post("/api/organizations", Map.of("name", "Acme"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        organization = opened.data().path("id").asText();
        members.put(Role.OWNER, owner);
        for (Role role : List.of(Role.ADMIN, Role.EDITOR, Role.VIEWER)) {
            members.put(role, Organizations.join(owner, organization, api(), role));
        }
        Api.User outsiderUser = api().signUp();
        outsider = api().as(outsiderUser);
        for (String scope : SCOPES) {
            keys.put(scope, withKey(owner, organization, List.of(scope)));
        }
        outsidersKey = withKey(outsider, outsiderUser.id(), SCOPES);

        Api inIt = owner.withHeader("X-Organization-Id", organization);
        String tool = AssistantToolsIT.tool(inIt, "Calendar");
        Api.Response file = inIt.upload(
                "/api/files",
                Map.of("description", "Opening hours"),
                "hours.txt",
                "Open Monday to Friday.".getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        String assistant = created(inIt.post(
                "/api/assistants",
                Map.of(
                        "name",
                        "Front desk",
                        "tool_ids",
                        List.of(tool),
                        "file_ids",
                        List.of(file.data().path("id").asText()))));
        assertThat(inIt.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        resources.put("assistants", assistant);
        resources.put("tools", tool);
        resources.put("files", file.data().path("id").asText());
        resources.put(
                "webhook-endpoints",
                created(inIt.post(
                        "/api/webhook-endpoints",
                        Map.of("url", "https://hooks.example.com/matrix", "event_types", List.of("*")))));
        // its text is read once it is extracted
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> inIt.get("/api/files/" + resources.get("files"))
                                .data()
                                .path("status")
                                .asText(),
                        "processed"::equals);
        e164 = "+4930" + eightDigits();
        resources.put(
                "phone-numbers",
                created(inIt.post("/api/phone-numbers", Map.of("phone_number", e164, "assistant_id", assistant))));
        // an event of the organization's feed, which the assistant's creation is in
        resources.put(
                "events", EventsIT.awaitEvents(inIt, "", 1).get(0).path("id").asText());
    }

    @Test
    void everyOperationAnswersEachRoleEachKeyScopeAndAnOutsiderAsTheTablesSay() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        List<String> unclassified = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (!LEAST_ROLE.containsKey(route)) {
                        unclassified.add(route);
                    } else if (!PUBLIC.equals(LEAST_ROLE.get(route))) {
                        operations.add(route);
                    }
                }));
        assertThat(unclassified)
                .as("operations the matrix does not classify: add each to LEAST_ROLE")
                .isEmpty();
        assertThat(new TreeSet<>(LEAST_ROLE.keySet()))
                .as("the table names only operations of the document")
                .allMatch(route -> paths.has(route.substring(route.indexOf(' ') + 1)));
        assertThat(new TreeSet<>(SCOPE.keySet()))
                .as("the scope of every operation but the public ones: add each to " + "SCOPE")
                .isEqualTo(new TreeSet<>(operations));

        // the organization's own resources stay for the reads: the writes name ids nobody has; a sign-out revokes the
        // token each member plays the matrix with, so it comes last
        operations.sort(Comparator.comparing((String route) -> route.equals(SIGN_OUT))
                .thenComparing(route -> route.startsWith("DELETE")));
        for (String route : operations) {
            JsonNode operation = paths.path(route.substring(route.indexOf(' ') + 1))
                    .path(route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT));
            String least = LEAST_ROLE.get(route);
            for (Role role : Role.values()) {
                Api.Response answer = send(members.get(role), route, operation);
                if (PERSONAL.equals(least) || role.includes(Role.fromWireName(least))) {
                    assertThat(answer.status())
                            .as(role.wireName() + ": " + route + " → " + answer)
                            .isNotIn(401, 403)
                            .isLessThan(500);
                    if (route.startsWith("GET ")) {
                        assertThat(answer.status())
                                .as(role.wireName() + " reads " + route + " → " + answer)
                                .isBetween(200, 299);
                    }
                } else {
                    assertThat(answer.status())
                            .as(role.wireName() + ": " + route + " → " + answer)
                            .isEqualTo(403);
                    assertThat(answer.error().path("code").asText()).isEqualTo("forbidden");
                    assertThat(answer.error().path("message").asText()).contains("'" + least + "'");
                }
            }
            String scope = SCOPE.get(route);
            for (String held : SCOPES) {
                Api.Response answer = send(keys.get(held), route, operation);
                if (held.equals(scope)) {
                    assertThat(answer.status())
                            .as(held + " key: " + route + " → " + answer)
                            .isNotIn(401, 403)
                            .isLessThan(500);
                    if (route.startsWith("GET ")) {
                        assertThat(answer.status())
                                .as(held + " key reads " + route + " → " + answer)
                                .isBetween(200, 299);
                    }
                } else {
                    assertThat(answer.status())
                            .as(held + " key: " + route + " → " + answer)
                            .isEqualTo(403);
                    assertThat(answer.error().path("code").asText()).isEqualTo("forbidden");
                    if (!NO_KEY.equals(scope)) {
                        assertThat(answer.error().path("message").asText()).contains("'" + scope + "'");
                    }
                }
            }
            if (!PERSONAL.equals(least)) {
                for (Api stranger : List.of(outsider, outsidersKey)) {
                    Api.Response answer = send(stranger, route, operation);
                    assertThat(answer.status())
                            .as("an outsider: " + route + " → " + answer)
                            .isEqualTo(404);
                    assertThat(answer.error().path("code").asText()).isEqualTo("not_found");
                }
            }
        }
        assertThat(operations)
                .as("every operation of the table but the public ones was played")
                .hasSize((int) LEAST_ROLE.values().stream()
                        .filter(least -> !PUBLIC.equals(least))
                        .count());
    }

    /** The platform as a machine calling with a new key of {@code organizationId}, which {@code admin} created. */
    private Api withKey(Api admin, String organizationId, List<String> scopes) {
        Api.Response created = admin.post(
                "/api/organizations/" + organizationId + "/api-keys",
                Map.of("name", "Matrix " + String.join(" ", scopes), "scopes", scopes));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return api().withHeader(
                        "Authorization", "Bearer " + created.data().path("key").asText());
    }

    private Api.Response send(Api caller, String route, JsonNode operation) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        String target = resolve(template, "GET".equals(method)) + requiredQuery(operation, "GET".equals(method));
        Api inOrganization = caller.withHeader("X-Organization-Id", organization);
        if (operation.path("requestBody").path("content").has("multipart/form-data")) {
            return inOrganization.upload(target, Map.of(), null, null);
        }
        return inOrganization.send(
                method, target, "GET".equals(method) || "DELETE".equals(method) ? null : Map.of(), "application/json");
    }

    /** The organization's own ids on a read; on a write ids nobody has, so that the matrix changes nothing. */
    private String resolve(String template, boolean read) {
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            String value = switch (variables.group(1)) {
                case "organizationId" -> organization;
                case "number" -> "1";
                case "e164" -> read ? e164 : "+4930" + eightDigits();
                case "id" -> read ? resources.get(template.split("/")[2]) : neverIssued();
                default -> neverIssued();
            };
            variables.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        variables.appendTail(resolved);
        return resolved.toString();
    }

    /** The query parameters the operation requires, filled as for its path: what a client must send. */
    private String requiredQuery(JsonNode operation, boolean read) {
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            String name = parameter.path("name").asText();
            if ("query".equals(parameter.path("in").asText())
                    && parameter.path("required").asBoolean()) {
                String value = switch (name) {
                    case "against" -> "current";
                    case "tool_id", "file_id" -> read ? resources.get(name.replace("_id", "s")) : neverIssued();
                    default -> throw new AssertionError("the matrix does not know what to send as " + name);
                };
                parameters.add(name + "=" + value);
            }
        });
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String neverIssued() {
        return "01a20c2a-54ac-7454-b108-" + UUID.randomUUID().toString().substring(24);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private static String eightDigits() {
        return Long.toString(10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }
}
