package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every route of the API document × every verb it takes, played by Bob with Alice's ids (her personal
 * organization's): in the path, in
 * the query string and nested in the body. The routes come from {@code /openapi.json}, so a route added
 * later is covered without touching this test. Each answer must be {@code 404 not_found}, exactly as for
 * an id that never existed (nothing tells Bob that Alice's id is real), lists never show one of her rows,
 * and afterwards all of Alice's resources are as she left them.
 */
@BesideTheOthers
@ResourceLock(value = PlatformIT.READ_MODELS, mode = ResourceAccessMode.READ)
class CrossTenantRoutesIT extends PlatformIT {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> WRITES = Set.of("post", "put", "patch");
    /**
     * The resources read models serve with {@code X-Min-Revision}; an organization another user is no member of is
     * refused before any read model is asked.
     */
    private static final List<String> RESOURCES = List.of("assistants", "tools", "files", "phone-numbers");
    /** The segment of the runtime's routes, which name a phone number by its E.164 rather than its id. */
    private static final String RUNTIME = "runtime";

    private Api.User aliceUser;
    private Api alice;
    private Api bob;
    /** Alice's ids by the resource segment of the path that serves them ({@code assistants}, {@code tools}, …). */
    private final Map<String, String> alices = new LinkedHashMap<>();

    @BeforeEach
    void aliceOwnsOneOfEverything() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
        bob = api().as(api().signUp());
        String tool = AssistantToolsIT.tool(alice, "Calendar");
        Api.Response file = alice.upload(
                "/api/files",
                Map.of("description", "Opening hours"),
                "hours.txt",
                "Open Monday to Friday.".getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        String assistant = created(alice.post(
                "/api/assistants",
                Map.of(
                        "name",
                        "Front desk",
                        "tool_ids",
                        List.of(tool),
                        "file_ids",
                        List.of(file.data().path("id").asText()))));
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String e164 = "+4930" + eightDigits();
        String number =
                created(alice.post("/api/phone-numbers", Map.of("phone_number", e164, "assistant_id", assistant)));
        alices.put("assistants", assistant);
        alices.put("tools", tool);
        alices.put("files", file.data().path("id").asText());
        alices.put("phone-numbers", number);
        alices.put(
                "webhook-endpoints",
                created(alice.post(
                        "/api/webhook-endpoints",
                        Map.of("url", "https://hooks.example.com/alice", "event_types", List.of("*")))));
        alices.put("organizations", aliceUser.id());
        // an event of her feed: its id must be as unknown to Bob as one nobody has
        alices.put(
                "events", EventsIT.awaitEvents(alice, "", 1).get(0).path("id").asText());
        // the call-start lookup names a number by itself, answered by her published assistant
        alices.put(RUNTIME, e164);
    }

    @Test
    void everyRouteAndVerbAnswersNotFoundForAnotherUsersIds() {
        Map<String, JsonNode> before = alicesResources();
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        List<String> tried = new ArrayList<>();

        paths.fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/") || !path.getKey().contains("{")) {
                return;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                String route = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                Map<String, String> never = neverIssuedIds();
                String query = queryWithAlicesIds(path.getValue().path(method));
                Object body = WRITES.contains(method) ? bodyWithAlicesIds(path.getKey(), method) : null;

                Api.Response hers = bob.send(
                        method.toUpperCase(Locale.ROOT),
                        resolve(path.getKey(), alices) + query,
                        body,
                        "application/json");
                Api.Response nobodys = bob.send(
                        method.toUpperCase(Locale.ROOT),
                        resolve(path.getKey(), never) + query,
                        body,
                        "application/json");

                assertThat(hers.status()).as(route + " → " + hers).isEqualTo(404);
                assertThat(hers.error().path("code").asText()).as(route).isEqualTo("not_found");
                assertThat(hers.text()).as(route).doesNotContain("\tat ");
                assertThat(nobodys.status()).as(route + " for an id nobody has").isEqualTo(hers.status());
                assertThat(withoutIds(hers.text(), alices))
                        .as(route + ": byte for byte as for an id nobody has")
                        .isEqualTo(withoutIds(nobodys.text(), never));
                tried.add(route);
            });
        });

        assertThat(tried).as("routes with an id in the API document").hasSizeGreaterThanOrEqualTo(15);
        assertThat(alicesResources()).isEqualTo(before);
    }

    @Test
    void listsNeverShowAnotherUsersRowsWhateverTheFiltersAndCursors() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        String bobsAssistant = created(bob.post("/api/assistants", Map.of("name", "Bob's")));
        List<String> lists = new ArrayList<>();

        paths.fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().path("get");
            if (!path.getKey().startsWith("/api/")
                    || path.getKey().contains("{")
                    || get.isMissingNode()
                    || path.getKey().startsWith("/api/users")) {
                return;
            }
            String filtered = path.getKey() + queryWithAlicesIds(get);
            String alicesCursor = path.getKey() + "?limit=1&cursor=" + cursorAfter(alices.get("assistants"));
            for (String list : List.of(path.getKey(), filtered, alicesCursor)) {
                Api.Response response = bob.get(list);
                assertThat(response.status()).as(list + " → " + response).isEqualTo(200);
                for (String id : alices.values()) {
                    assertThat(response.text()).as(list).doesNotContain(id);
                }
                assertThat(response.text()).as(list).doesNotContain(aliceUser.id());
            }
            lists.add(path.getKey());
        });

        assertThat(lists).as("list routes in the API document").hasSizeGreaterThanOrEqualTo(4);
        assertThat(bob.get("/api/assistants").data().findValuesAsText("id")).containsExactly(bobsAssistant);
    }

    @Test
    void ownResourcesCannotBePointedAtAnotherUsersIds() {
        String bobsAssistant = created(bob.post("/api/assistants", Map.of("name", "Bob's")));
        String bobsNumber = created(bob.post("/api/phone-numbers", Map.of("phone_number", "+4930" + eightDigits())));
        String tool = alices.get("tools");
        String file = alices.get("files");
        String assistant = alices.get("assistants");

        List<Api.Response> attempts = List.of(
                bob.post("/api/assistants", Map.of("name", "x", "file_ids", List.of(file))),
                bob.post("/api/assistants/" + bobsAssistant + "/files", Map.of("file_ids", List.of(file))),
                bob.put("/api/assistants/" + bobsAssistant + "/files", Map.of("file_id", file, "config", Map.of())),
                bob.delete("/api/assistants/" + bobsAssistant + "/files?file_id=" + file),
                bob.delete("/api/assistants/" + bobsAssistant + "/tools?tool_id=" + tool),
                bob.patch("/api/phone-numbers/" + bobsNumber, Map.of("assistant_id", assistant)),
                bob.put("/api/phone-numbers/" + bobsNumber, Map.of("assistant_id", assistant)));

        assertThat(attempts).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.error().path("code").asText()).isEqualTo("not_found");
        });
        assertThat(bob.get("/api/assistants/" + bobsAssistant)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(1);
        assertThat(bob.get("/api/phone-numbers/" + bobsNumber)
                        .data()
                        .path("revision")
                        .asLong())
                .isEqualTo(1);
        assertThat(alice.get("/api/files/" + file).data().path("used_by").findValuesAsText("id"))
                .containsExactly(assistant);
    }

    /**
     * Ids the platform could never have issued, and ids of another kind of resource (Alice's tool on
     * {@code /api/assistants/{id}}): on every route and verb, a {@code 404 not_found} in the envelope, never a
     * {@code 500} or another answer, even for the owner of the ids.
     */
    @Test
    void idsOfTheWrongKindOrShapeAreNotFoundOnEveryRoute() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        List<Map<String, String>> oddIds = new ArrayList<>();
        // %FF (a byte that is not UTF-8) is left out: Tomcat still answers it with its own 400 page (issue 17, open)
        for (String odd : List.of("abc", "x".repeat(1000), "%00", "a%00b", "%E2%80%A2", "0", "-1")) {
            oddIds.add(
                    Map.of("assistants", odd, "tools", odd, "files", odd, "phone-numbers", odd, "organizations", odd));
        }
        oddIds.add(Map.of(
                "assistants",
                alices.get("tools"),
                "tools",
                alices.get("files"),
                "files",
                alices.get("phone-numbers"),
                "phone-numbers",
                alices.get("assistants"),
                "organizations",
                alices.get("assistants")));
        List<String> tried = new ArrayList<>();

        paths.fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/") || !path.getKey().contains("{")) {
                return;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                Object body = WRITES.contains(method) ? bodyWithAlicesIds(path.getKey(), method) : null;
                String query = queryWithAlicesIds(path.getValue().path(method));
                for (Map<String, String> ids : oddIds) {
                    String target = resolve(path.getKey(), ids) + query;
                    String route = method.toUpperCase(Locale.ROOT) + " "
                            + (target.length() > 120 ? target.substring(0, 120) + "…" : target);
                    Api.Response answer;
                    try {
                        answer = alice.send(method.toUpperCase(Locale.ROOT), target, body, "application/json");
                    } catch (RuntimeException e) {
                        throw new AssertionError(route + " got no answer", e);
                    }
                    assertThat(answer.status()).as(route + " → " + answer).isEqualTo(404);
                    assertThat(answer.error().path("code").asText()).as(route).isEqualTo("not_found");
                    tried.add(route);
                }
            });
        });

        assertThat(tried).hasSizeGreaterThanOrEqualTo(15 * oddIds.size());
    }

    /**
     * {@code X-Min-Revision} waits only on the caller's own resources: on another user's id it waits in vain as on
     * an id nobody has (counted as a read-your-writes timeout), whatever revision that resource is at, so that
     * neither the answer nor its timing tells that the resource exists.
     */
    @Test
    void aReadYourWritesWaitOnAnotherUsersIdIsTheWaitOnAnIdNobodyHas() {
        Map<String, String> never = neverIssuedIds();
        double before = readYourWritesTimeouts();

        // all at once, so that the test waits one read-your-writes bound, not one per request
        ExecutorService requests = Executors.newFixedThreadPool(2 * RESOURCES.size());
        Map<String, CompletableFuture<Api.Response>> hers = new TreeMap<>();
        Map<String, CompletableFuture<Api.Response>> nobodys = new TreeMap<>();
        for (String type : RESOURCES) {
            hers.put(
                    type,
                    CompletableFuture.supplyAsync(
                            () -> bob.withHeader("X-Min-Revision", "1").get("/api/" + type + "/" + alices.get(type)),
                            requests));
            nobodys.put(
                    type,
                    CompletableFuture.supplyAsync(
                            () -> bob.withHeader("X-Min-Revision", "1").get("/api/" + type + "/" + never.get(type)),
                            requests));
        }
        requests.shutdown();

        for (String type : RESOURCES) {
            assertThat(hers.get(type).join().status()).as(type).isEqualTo(404);
            assertThat(withoutIds(hers.get(type).join().text(), alices))
                    .as(type)
                    .isEqualTo(withoutIds(nobodys.get(type).join().text(), never));
        }
        assertThat(readYourWritesTimeouts() - before)
                .as("Bob waited in vain on each of Alice's ids as on each id nobody has")
                .isEqualTo(2.0 * RESOURCES.size());
        assertThat(alice.withHeader("X-Min-Revision", "1")
                        .get("/api/tools/" + alices.get("tools"))
                        .status())
                .isEqualTo(200);
    }

    private double readYourWritesTimeouts() {
        Matcher sample = Pattern.compile(
                        "(?m)^voicepartner_read_your_writes_timeouts_total\\{[^}]*side=\"query\"[^}]*} (\\S+)$")
                .matcher(api().get("/actuator/prometheus").text());
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0.0;
    }

    /** An answer with the ids it was asked about taken out: what tells one id from another is the id itself. */
    private static String withoutIds(String answer, Map<String, String> ids) {
        String without = answer;
        for (String id : ids.values()) {
            without = without.replace(id, "{id}");
        }
        return without;
    }

    private Map<String, JsonNode> alicesResources() {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        alices.forEach((type, id) -> {
            if (RUNTIME.equals(type)) {
                return;
            }
            Api.Response response = alice.get("/api/" + type + "/" + id);
            assertThat(response.status()).as(type + " " + response).isEqualTo(200);
            resources.put(type, response.data());
        });
        return resources;
    }

    /**
     * The route with its first variable as the id of the resource the path names and any later one
     * ({@code {n}}, a version) as {@code 1}.
     */
    private static String resolve(String template, Map<String, String> ids) {
        String resource = template.split("/")[2];
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder resolved = new StringBuilder();
        boolean first = true;
        while (variables.find()) {
            String value = first ? ids.getOrDefault(resource, ids.get("assistants")) : "1";
            variables.appendReplacement(resolved, Matcher.quoteReplacement(value));
            first = false;
        }
        variables.appendTail(resolved);
        return resolved.toString();
    }

    private static Map<String, String> neverIssuedIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String type : List.of("assistants", "tools", "files", "phone-numbers", "organizations")) {
            ids.put(
                    type,
                    "01a20c2a-54ac-7454-b108-" + UUID.randomUUID().toString().substring(24));
        }
        ids.put(RUNTIME, "+4930" + eightDigits());
        return ids;
    }

    /** Every query parameter of the operation that names a resource (tool_id, assistant_id, …) as Alice's. */
    private String queryWithAlicesIds(JsonNode operation) {
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            String name = parameter.path("name").asText();
            if ("query".equals(parameter.path("in").asText()) && name.endsWith("_id")) {
                String id = alices.get(resourceNamed(name.substring(0, name.length() - 3)));
                if (id != null) {
                    parameters.add(name + "=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
                }
            }
        });
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    /**
     * A body this route would accept from Alice, carrying her ids wherever it names a resource: what
     * Bob's request would do to her data if the ids were not checked.
     */
    private Map<String, Object> bodyWithAlicesIds(String template, String method) {
        if (template.endsWith("/tools")) {
            return Map.of("tool_ids", List.of(alices.get("tools")));
        }
        if (template.endsWith("/executions")) {
            return Map.of(
                    "duration_ms",
                    120,
                    "success",
                    true,
                    "status_code",
                    200,
                    "assistant_id",
                    alices.get("assistants"),
                    "occurred_at",
                    Instant.now().minusSeconds(60).toString());
        }
        if (template.endsWith("/usage")) {
            return Map.of(
                    "call_seconds",
                    60,
                    "direction",
                    "inbound",
                    "assistant_id",
                    alices.get("assistants"),
                    "occurred_at",
                    Instant.now().minusSeconds(60).toString());
        }
        if (template.endsWith("/files")) {
            return "put".equals(method)
                    ? Map.of("file_id", alices.get("files"), "config", Map.of())
                    : Map.of("file_ids", List.of(alices.get("files")));
        }
        return switch (template.split("/")[2]) {
            case "files" -> Map.of("description", "Bob's now");
            case "phone-numbers" -> Map.of("friendly_name", "Bob's line", "assistant_id", alices.get("assistants"));
            case "assistants", "tools" ->
                template.chars().filter(c -> c == '{').count() == 1 && template.endsWith("}")
                        ? Map.of("name", "Bob's now")
                        : Map.of();
            default -> Map.of();
        };
    }

    private static String resourceNamed(String singular) {
        return singular.replace('_', '-') + "s";
    }

    /** A cursor pointing just after one of Alice's rows, as a list of hers would hand it out. */
    private static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private static String eightDigits() {
        return Long.toString(10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }
}
