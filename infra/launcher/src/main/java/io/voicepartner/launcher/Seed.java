package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.support.json.JsonConventions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sample data to try the platform with: a demo organization of two people, its owner and an editor, with tools
 * (one with a bearer token), assistants using them, phone numbers reaching them and an API key for the voice
 * runtime. It goes through the public HTTP API, as a frontend would, so that every event is stored, published and
 * projected as in real use. Safe to run again: the users sign in if they exist, and an organization, member, key or
 * resource whose name (or number, or e-mail) is there already is left as it is.
 *
 * <p>{@code infra/scripts/seed [base URL]}; the URL defaults to {@code VOICEPARTNER_URL}, else
 * {@code http://localhost:$PORT} (8080): the platform of {@code ./run}, or the gateway of the split deployment.
 */
public final class Seed {

    static final String EMAIL = "demo@voicepartner.local";
    static final String PASSWORD = "voicepartner-demo";
    static final String COLLEAGUE_EMAIL = "colleague@voicepartner.local";
    static final String ORGANIZATION = "Demo Practice";
    static final String RUNTIME_KEY = "Voice runtime";

    private static final ObjectMapper JSON = JsonConventions.newObjectMapper();
    private static final Map<String, Object> CITY = Map.of(
            "type",
            "object",
            "properties",
            Map.of("city", Map.of("type", "string", "description", "City name")),
            "required",
            List.of("city"));
    private static final Map<String, Object> SLOT = Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                    "date",
                    Map.of("type", "string", "format", "date"),
                    "duration_minutes",
                    Map.of("type", "integer", "minimum", 15)),
            "required",
            List.of("date"));
    private static final Map<String, Object> CALLER = Map.of(
            "type",
            "object",
            "properties",
            Map.of("phone", Map.of("type", "string", "description", "The caller's number, E.164")),
            "required",
            List.of("phone"));

    /** By name; the bearer token and the API key are sample credentials that the platform encrypts. */
    private static final List<Map<String, Object>> TOOLS = List.of(
            Map.of(
                    "name",
                    "Calendar",
                    "description",
                    "Finds and books free appointment slots.",
                    "endpoint",
                    "https://calendar.example.com/v1/slots",
                    "method",
                    "POST",
                    "category",
                    "scheduling",
                    "parameters",
                    SLOT,
                    "authentication",
                    Map.of("type", "bearer", "token", "demo-calendar-token-4f2a9c7e1b")),
            Map.of(
                    "name",
                    "CRM lookup",
                    "description",
                    "Looks the caller up by phone number.",
                    "endpoint",
                    "https://crm.example.com/api/contacts/search",
                    "method",
                    "GET",
                    "category",
                    "crm",
                    "parameters",
                    CALLER,
                    "headers",
                    Map.of("Accept", "application/json", "X-Api-Key", "demo-crm-key-8d3b6e0a52")),
            Map.of(
                    "name",
                    "Weather",
                    "description",
                    "Today's forecast for a city.",
                    "endpoint",
                    "https://weather.example.com/forecast",
                    "method",
                    "GET",
                    "category",
                    "data",
                    "parameters",
                    CITY));

    /** By name, with the names of the tools each uses. */
    private static final List<Map<String, Object>> ASSISTANTS = List.of(
            Map.of(
                    "name",
                    "Front desk",
                    "description",
                    "Answers the practice's main line and books appointments.",
                    "system_prompt",
                    "You are the friendly front desk of a dental practice. Book, move or cancel "
                            + "appointments with the Calendar tool; look callers up in the CRM first.",
                    "first_message",
                    "Good morning, you have reached the practice. How can I help?",
                    "language",
                    "en-GB",
                    "temperature",
                    0.4,
                    "status",
                    "deployed",
                    "tools",
                    List.of("Calendar", "CRM lookup")),
            Map.of(
                    "name",
                    "After-hours line",
                    "description",
                    "Takes messages when the practice is closed.",
                    "system_prompt",
                    "The practice is closed. Take a message with the caller's name and number.",
                    "first_message",
                    "Hello, the practice is closed right now. May I take a message?",
                    "language",
                    "en-GB",
                    "temperature",
                    0.7,
                    "status",
                    "testing",
                    "tools",
                    List.of("CRM lookup", "Weather")));

    /**
     * By number, in E.164 as the platform stores them; numbers from the ranges that Ofcom keeps for
     * drama, so that the demo never reaches anyone.
     */
    private static final List<Map<String, Object>> PHONE_NUMBERS = List.of(
            Map.of("phone_number", "+442079460958", "friendly_name", "London practice line", "assistant", "Front desk"),
            Map.of(
                    "phone_number",
                    "+441614960123",
                    "friendly_name",
                    "Manchester after-hours",
                    "assistant",
                    "After-hours line"));

    private final String baseUrl;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The demo owner's bearer token, and the organization the resources are created in. */
    private String token;

    private String organization;

    Seed(String baseUrl, PrintStream out) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.out = out;
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String baseUrl = args.length > 0
                ? args[0]
                : environment.getOrDefault(
                        "VOICEPARTNER_URL", "http://localhost:" + environment.getOrDefault("PORT", "8080"));
        try {
            new Seed(baseUrl, System.out).run();
        } catch (RuntimeException e) {
            System.err.println("Seed failed: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        out.println("Seeding " + baseUrl);
        token = signIn(EMAIL, "Demo User");
        organization = ensureOrganization();
        ensureColleague();
        ensureRuntimeKey();
        Map<String, String> tools = ensure("tool", "/api/tools/", "name", TOOLS, Function.identity());
        Map<String, String> assistants = ensure("assistant", "/api/assistants/", "name", ASSISTANTS, assistant -> {
            Map<String, Object> body = new LinkedHashMap<>(assistant);
            List<?> toolNames = (List<?>) body.remove("tools");
            body.put("tool_ids", toolNames.stream().map(tools::get).toList());
            return body;
        });
        ensure("phone number", "/api/phone-numbers/", "phone_number", PHONE_NUMBERS, number -> {
            Map<String, Object> body = new LinkedHashMap<>(number);
            body.put("assistant_id", assistants.get((String) body.remove("assistant")));
            return body;
        });
        out.println("Sign in as " + EMAIL + " (owner) or " + COLLEAGUE_EMAIL + " (editor) with the password " + PASSWORD
                + ", and send X-Organization-Id: " + organization);
    }

    /** Signs the user up unless they exist, and in: their bearer token. */
    private String signIn(String email, String name) {
        Response signUp = send(null, "POST", "/api/users", Map.of("email", email, "password", PASSWORD, "name", name));
        if (signUp.status() == 409) {
            out.println("user " + email + ": exists");
        } else if (signUp.status() == 201 || signUp.status() == 202) {
            out.println("user " + email + ": created "
                    + signUp.body().path("data").path("id").asText());
        } else {
            throw new IllegalStateException("signing up " + email + " failed: " + signUp);
        }
        Response login = send(null, "POST", "/token", Map.of("email", email, "password", PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("signing in as " + email + " failed: " + login);
        }
        return login.body().path("access_token").asText();
    }

    /** The demo owner's organization of that name: found, or opened. */
    private String ensureOrganization() {
        for (JsonNode mine : list("/api/organizations")) {
            if (ORGANIZATION.equals(mine.path("name").asText())
                    && !mine.path("personal").asBoolean()) {
                out.println("organization " + ORGANIZATION + ": exists "
                        + mine.path("id").asText());
                return mine.path("id").asText();
            }
        }
        String id = created(
                "organization " + ORGANIZATION,
                send(token, "POST", "/api/organizations", Map.of("name", ORGANIZATION)));
        out.println("organization " + ORGANIZATION + ": created " + id);
        return id;
    }

    /** The second member, an editor, as people join: invited by the owner, accepting with their own account. */
    private void ensureColleague() {
        String colleague = signIn(COLLEAGUE_EMAIL, "Demo Colleague");
        String members = "/api/organizations/" + organization + "/members";
        for (JsonNode member : list(members)) {
            if (COLLEAGUE_EMAIL.equals(member.path("email").asText())) {
                out.println("member " + COLLEAGUE_EMAIL + ": exists as "
                        + member.path("role").asText());
                return;
            }
        }
        Response invited = send(
                token,
                "POST",
                "/api/organizations/" + organization + "/invitations",
                Map.of("email", COLLEAGUE_EMAIL, "role", "editor"));
        created("invitation of " + COLLEAGUE_EMAIL, invited);
        Response accepted = send(
                colleague,
                "POST",
                "/api/invitations/" + invited.body().path("data").path("token").asText() + "/accept",
                Map.of());
        if (accepted.status() != 200 && accepted.status() != 202) {
            throw new IllegalStateException("accepting the invitation of " + COLLEAGUE_EMAIL + " failed: " + accepted);
        }
        out.println("member " + COLLEAGUE_EMAIL + ": created as editor");
    }

    /** The voice runtime's key; its secret is shown when it is made, and never again. */
    private void ensureRuntimeKey() {
        String keys = "/api/organizations/" + organization + "/api-keys";
        for (JsonNode key : list(keys)) {
            if (RUNTIME_KEY.equals(key.path("name").asText()) && !key.hasNonNull("revoked_at")) {
                out.println("API key " + RUNTIME_KEY + ": exists "
                        + key.path("prefix").asText()
                        + "… (its secret was shown when it was made; revoke it and run again for a new one)");
                return;
            }
        }
        Response made = send(
                token, "POST", keys, Map.of("name", RUNTIME_KEY, "scopes", List.of("runtime:read", "usage:write")));
        created("API key " + RUNTIME_KEY, made);
        out.println("API key " + RUNTIME_KEY + ": created "
                + made.body().path("data").path("key").asText()
                + " (shown this once: scopes runtime:read, usage:write)");
    }

    private JsonNode list(String path) {
        Response list = send(token, "GET", path + "?limit=200", null);
        if (list.status() != 200) {
            throw new IllegalStateException("listing " + path + " failed: " + list);
        }
        return list.body().path("data");
    }

    private static String created(String what, Response response) {
        if (response.status() != 201 && response.status() != 202) {
            throw new IllegalStateException("creating " + what + " failed: " + response);
        }
        return response.body().path("data").path("id").asText();
    }

    /**
     * Creates each of {@code wanted} that the user has no resource of the same {@code key} of yet.
     *
     * @return the id of every wanted resource by its key, created or found
     */
    private Map<String, String> ensure(
            String kind,
            String path,
            String key,
            List<Map<String, Object>> wanted,
            Function<Map<String, Object>, Map<String, Object>> body) {
        Map<String, String> existing = new HashMap<>();
        list(path)
                .forEach(found ->
                        existing.put(found.path(key).asText(), found.path("id").asText()));
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> resource : wanted) {
            String name = (String) resource.get(key);
            String id = existing.get(name);
            if (id != null) {
                out.println(kind + " " + name + ": exists " + id);
            } else {
                id = created(kind + " " + name, send(token, "POST", path, body.apply(resource)));
                out.println(kind + " " + name + ": created " + id);
            }
            ids.put(name, id);
        }
        return ids;
    }

    private record Response(int status, JsonNode body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A request as the bearer of {@code bearer} (none when null), in the demo organization once there is one. */
    private Response send(String bearer, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (organization != null) {
            request.header("X-Organization-Id", organization);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the platform at " + baseUrl + " (is it running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
