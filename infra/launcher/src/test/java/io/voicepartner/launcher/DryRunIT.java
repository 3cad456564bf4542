package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ?dry_run=true} on every write, as API.md promises it: the write is decided as it would be (validation,
 * If-Match, uniqueness, ownership), answered with {@code Dry-Run: true}, the resource as its read would show it and
 * the events it would record, and nothing is stored. The generated test walks {@code /openapi.json}, so that a write
 * added later is covered, or documented as excluded and refused, without anyone remembering to.
 */
class DryRunIT extends PlatformIT {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    private static final String EXCLUDED = "Takes no `dry_run`";

    @Autowired
    private JdbcClient jdbc;

    private Api.User aliceUser;
    private Api alice;
    /** Her ids by the path variable that names them, and by the resource segment for {@code {id}}. */
    private final Map<String, String> ids = new LinkedHashMap<>();

    private String tool;
    private String otherTool;
    private String file;
    private String otherFile;

    @BeforeEach
    void aliceOwnsOneOfEverything() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        tool = AssistantToolsIT.tool(alice, "Calendar");
        otherTool = AssistantToolsIT.tool(alice, "Weather");
        file = upload("hours.txt");
        otherFile = upload("prices.txt");
        String assistant = created(alice.post(
                "/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool), "file_ids", List.of(file))));
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        ids.put("assistants", assistant);
        ids.put("tools", tool);
        ids.put("files", file);
        ids.put(
                "phone-numbers",
                created(alice.post("/api/phone-numbers", Map.of("phone_number", e164(), "assistant_id", assistant))));
        ids.put(
                "webhook-endpoints",
                created(alice.post(
                        "/api/webhook-endpoints",
                        Map.of("url", "https://hooks.example.com/alice", "event_types", List.of("*")))));
        String organization = aliceUser.id();
        ids.put("organizationId", organization);
        ids.put("userId", aliceUser.id());
        ids.put(
                "invitationId",
                created(alice.post(
                        "/api/organizations/" + organization + "/invitations",
                        Map.of("email", "dora-" + UUID.randomUUID() + "@example.com", "role", "viewer"))));
        ids.put(
                "keyId",
                created(alice.post(
                        "/api/organizations/" + organization + "/api-keys",
                        Map.of("name", "CI", "scopes", List.of("config:read")))));
        ids.put("number", "1");
    }

    @Test
    void aDryRunUpdateAnswersTheResourceAsItWouldBeAndTheEventsAndStoresNothing() {
        String id = ids.get("assistants");
        JsonNode before = alice.get("/api/assistants/" + id).data();

        Api.Response dry = alice.patch("/api/assistants/" + id + "?dry_run=true", Map.of("name", "Reception"));

        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.header("Dry-Run")).isEqualTo("true");
        assertThat(dry.header("ETag")).as("no revision a client could write on").isNull();
        assertThat(dry.data().path("name").asText()).isEqualTo("Reception");
        assertThat(dry.data().path("revision").asLong())
                .isEqualTo(before.path("revision").asLong() + 1);
        assertThat(dry.data().path("tools").findValuesAsText("id")).containsExactly(tool);
        JsonNode change = dry.json().path("changes").get(0);
        assertThat(change.path("type").asText()).isEqualTo("AssistantUpdated");
        assertThat(change.path("resource_id").asText()).isEqualTo(id);
        assertThat(change.path("revision").asLong())
                .isEqualTo(before.path("revision").asLong() + 1);
        assertThat(alice.get("/api/assistants/" + id).data()).isEqualTo(before);
        assertThat(alice.get("/api/assistants/" + id + "/history")
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .as("one history entry per stored event")
                .isEqualTo(before.path("revision").asLong());
    }

    @Test
    void aDryRunCreateAnswersWhatWouldBeCreatedAndNothingIsListed() {
        long before = eventsBy(aliceUser);

        Api.Response dry = alice.post(
                "/api/assistants?dry_run=true", Map.of("name", "Night line", "tool_ids", List.of(otherTool)));

        assertThat(dry.status()).as(dry.toString()).isEqualTo(201);
        assertThat(dry.header("Dry-Run")).isEqualTo("true");
        assertThat(dry.header("Location")).isNull();
        assertThat(dry.data().path("name").asText()).isEqualTo("Night line");
        assertThat(dry.data().path("revision").asLong()).isEqualTo(2);
        assertThat(dry.json().path("changes").findValuesAsText("type"))
                .containsExactly("AssistantCreated", "ToolsAssigned");
        assertThat(alice.get("/api/assistants").data())
                .map(assistant -> assistant.path("name").asText())
                .containsExactly("Front desk");
        assertThat(alice.get("/api/assistants/" + dry.data().path("id").asText())
                        .status())
                .isEqualTo(404);
        assertThat(eventsBy(aliceUser)).isEqualTo(before);
    }

    @Test
    void aDryRunIsDecidedAsTheWriteWouldBe() {
        String assistant = ids.get("assistants");
        String taken = alice.get("/api/phone-numbers/" + ids.get("phone-numbers"))
                .data()
                .path("phone_number")
                .asText();
        Api bob = api().as(api().signUp());

        Api.Response stale = alice.withHeader("If-Match", "\"1\"")
                .patch("/api/assistants/" + assistant + "?dry_run=true", Map.of("name", "Stale"));
        Api.Response invalid = alice.post("/api/assistants?dry_run=true", Map.of("name", "x", "temperature", 9));
        Api.Response duplicate = alice.post("/api/phone-numbers?dry_run=true", Map.of("phone_number", taken));
        Api.Response notHers = bob.delete("/api/assistants/" + assistant + "?dry_run=true");
        Api.Response bobsTool = alice.post(
                "/api/assistants/" + assistant + "/tools?dry_run=true",
                Map.of("tool_ids", List.of(AssistantToolsIT.tool(bob, "Bob's"))));

        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.error().path("details").findValuesAsText("field")).containsExactly("temperature");
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(notHers.status()).as(notHers.toString()).isEqualTo(404);
        assertThat(bobsTool.status()).as(bobsTool.toString()).isEqualTo(404);
        for (Api.Response refused : List.of(stale, invalid, duplicate, notHers, bobsTool)) {
            assertThat(refused.header("Dry-Run")).isEqualTo("true");
        }
    }

    @Test
    void aWriteThatCannotBeDryRunAndABadValueAreRefusedSayingWhy() {
        Api.Response token =
                api().post("/token?dry_run=true", Map.of("email", aliceUser.email(), "password", aliceUser.password()));
        Api.Response apply = alice.post("/api/config/apply?dry_run=true", Map.of());
        Api.Response yes = alice.post("/api/assistants?dry_run=yes", Map.of("name", "x"));
        Api.Response no = alice.post("/api/assistants?dry_run=false", Map.of("name", "Real"));

        assertThat(token.status()).as(token.toString()).isEqualTo(400);
        assertThat(token.error().path("message").asText())
                .isEqualTo("dry_run is not supported by POST /token: its answer shows a secret once (a token, a key,"
                        + " a signing secret), and a dry run's would be one that never works.");
        assertThat(apply.status()).isEqualTo(400);
        assertThat(apply.error().path("message").asText()).contains("POST /api/config/plan");
        assertThat(yes.status()).isEqualTo(400);
        assertThat(yes.error().path("message").asText()).isEqualTo("dry_run must be true or false.");
        assertThat(no.status()).as("dry_run=false is an ordinary write").isEqualTo(201);
        assertThat(no.header("Dry-Run")).isNull();
    }

    /**
     * Every write of the document, with {@code ?dry_run=true}: documented either with the parameter or as excluded;
     * an excluded one is a 400 saying why; any other is decided with {@code Dry-Run: true}, and those given a body
     * they take answer the resource and its {@code changes}. Afterwards no event of Alice's exists that was not there
     * before, and her resources are as she left them.
     */
    @Test
    void everyWriteOfTheDocumentIsDryRunOrRefusesToBeAndNothingIsStored() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        Map<String, JsonNode> resources = alicesResources();
        long events = eventsBy(aliceUser);
        assertThat(events).as("her set-up, counted by actor").isGreaterThanOrEqualTo(10);
        List<String> answered = new ArrayList<>();
        List<String> excluded = new ArrayList<>();

        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    String method = operation.getKey();
                    if (!WRITES.contains(method)) {
                        return;
                    }
                    String route = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode documented = operation.getValue();
                    boolean takesIt = hasQueryParameter(documented, "dry_run");
                    boolean refusesIt = documented.path("description").asText().contains(EXCLUDED);
                    assertThat(takesIt ^ refusesIt)
                            .as(route + " documents dry_run, or why it takes none")
                            .isTrue();
                    Api.Response answer = send(method, path.getKey());
                    if (refusesIt) {
                        assertThat(answer.status()).as(route + " → " + answer).isEqualTo(400);
                        assertThat(answer.error().path("message").asText())
                                .as(route)
                                .startsWith("dry_run is not supported by " + method.toUpperCase(Locale.ROOT));
                        excluded.add(route);
                        return;
                    }
                    assertThat(answer.header("Dry-Run"))
                            .as(route + " → " + answer)
                            .isEqualTo("true");
                    assertThat(answer.status()).as(route + " → " + answer).isLessThan(500);
                    if (answer.status() < 300) {
                        assertThat(answer.json().path("changes").isArray())
                                .as(route + " answers changes: " + answer)
                                .isTrue();
                        assertThat(answer.data().path("revision").isIntegralNumber())
                                .as(route + " answers the resource: " + answer)
                                .isTrue();
                        assertThat(answer.header("ETag")).as(route).isNull();
                        answered.add(route);
                    }
                }));

        assertThat(answered).as("writes answered as dry runs").hasSizeGreaterThanOrEqualTo(25);
        assertThat(excluded)
                .as("writes documented as excluded")
                .contains("POST /token", "POST /api/users", "POST /api/config/apply", "POST /api/tools/{id}/test");
        assertThat(eventsBy(aliceUser)).as("events caused by Alice").isEqualTo(events);
        assertThat(alicesResources()).isEqualTo(resources);
    }

    private Api.Response send(String method, String template) {
        String target = resolve(template) + "?dry_run=true" + query(template, method);
        if (template.matches("/api/files/?") && method.equals("post")) {
            return alice.upload(
                    target, Map.of("description", "Dry"), "dry.txt", "Dry".getBytes(StandardCharsets.UTF_8));
        }
        return alice.send(method.toUpperCase(Locale.ROOT), target, body(template, method), "application/json");
    }

    /** A body the route takes from Alice, so that the dry run gets as far as a real write would. */
    private Object body(String template, String method) {
        if (method.equals("delete")) {
            return null;
        }
        if (template.endsWith("/tools")) {
            return Map.of("tool_ids", List.of(otherTool));
        }
        if (template.endsWith("/files")) {
            return method.equals("put")
                    ? Map.of("file_id", file, "config", Map.of("priority", "high"))
                    : Map.of("file_ids", List.of(otherFile));
        }
        if (template.endsWith("/clone") || template.endsWith("/versions") || template.endsWith("/restore")) {
            return Map.of();
        }
        if (template.endsWith("/members/{userId}")) {
            return Map.of("role", "admin");
        }
        boolean one = template.endsWith("}");
        return switch (template.split("/").length > 2 ? template.split("/")[2] : "") {
            case "assistants" -> Map.of("name", "Dry");
            case "tools" ->
                one ? Map.of("name", "Dry") : Map.of("name", "Dry", "endpoint", "https://tools.example.com/dry");
            case "files" -> Map.of("description", "Dry");
            case "phone-numbers" -> one ? Map.of("friendly_name", "Dry line") : Map.of("phone_number", e164());
            case "webhook-endpoints" -> Map.of("url", "https://hooks.example.com/dry");
            case "organizations" -> Map.of("name", "Dry");
            default -> Map.of();
        };
    }

    private String query(String template, String method) {
        if (!method.equals("delete")) {
            return "";
        }
        if (template.endsWith("/tools")) {
            return "&tool_id=" + tool;
        }
        if (template.endsWith("/files")) {
            return "&file_id=" + file;
        }
        return "";
    }

    /** {@code {id}} as her resource of the path's kind, every other variable by its name. */
    private String resolve(String template) {
        String resource = template.split("/").length > 2 ? template.split("/")[2] : "";
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String value = name.equals("id") ? ids.get(resource) : ids.getOrDefault(name, "unknown");
            variables.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? "unknown" : value));
        }
        variables.appendTail(resolved);
        return resolved.toString();
    }

    private Map<String, JsonNode> alicesResources() {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        for (String type : List.of("assistants", "tools", "files", "phone-numbers", "webhook-endpoints")) {
            Api.Response response = alice.get("/api/" + type + "/" + ids.get(type));
            assertThat(response.status()).as(type + " " + response).isEqualTo(200);
            resources.put(type, response.data());
        }
        for (String list : List.of("/api/assistants", "/api/tools", "/api/files", "/api/phone-numbers")) {
            resources.put(list, alice.get(list).data());
        }
        resources.put(
                "organization",
                alice.get("/api/organizations/" + ids.get("organizationId")).data());
        return resources;
    }

    /** The stored events whose actor is the user: every event a request of theirs caused. */
    private long eventsBy(Api.User user) {
        return jdbc.sql("SELECT count(*) FROM command.domain_event_entry WHERE convert_from(meta_data, 'UTF8') LIKE ?")
                .param("%\"actor\":\"" + user.id() + "\"%")
                .query(Long.class)
                .single();
    }

    private static boolean hasQueryParameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())
                    && name.equals(parameter.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private String upload(String name) {
        return created(
                alice.upload("/api/files", Map.of(), name, ("Inhalt von " + name).getBytes(StandardCharsets.UTF_8)));
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private static String e164() {
        return "+4930" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }
}
