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
 * Sample data to try the platform with: a demo user with tools (one with a bearer token), assistants
 * using them and phone numbers reaching them. It goes through the public HTTP API, as a frontend would, so
 * that every event is stored, published and projected as in real use. Safe to run again: the user signs
 * in if it exists, and a resource whose name (or number) the user already has is left as it is.
 *
 * <p>{@code infra/scripts/seed [base URL]}; the URL defaults to {@code VOICEPARTNER_URL}, else
 * {@code http://localhost:$PORT} (8080): the platform of {@code ./run}, or the gateway of the split deployment.
 */
public final class Seed {

    static final String EMAIL = "demo@voicepartner.local";
    static final String PASSWORD = "voicepartner-demo";

    private static final ObjectMapper JSON = JsonConventions.newObjectMapper();
    private static final Map<String, Object> CITY = Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string", "description", "City name")),
            "required", List.of("city"));
    private static final Map<String, Object> SLOT = Map.of("type", "object",
            "properties", Map.of("date", Map.of("type", "string", "format", "date"),
                    "duration_minutes", Map.of("type", "integer", "minimum", 15)),
            "required", List.of("date"));
    private static final Map<String, Object> CALLER = Map.of("type", "object",
            "properties", Map.of("phone", Map.of("type", "string", "description", "The caller's number, E.164")),
            "required", List.of("phone"));

    /** By name; the bearer token and the API key are sample credentials that the platform encrypts. */
    private static final List<Map<String, Object>> TOOLS = List.of(
            Map.of("name", "Calendar", "description", "Finds and books free appointment slots.",
                    "endpoint", "https://calendar.example.com/v1/slots", "method", "POST", "category", "scheduling",
                    "parameters", SLOT,
                    "authentication", Map.of("type", "bearer", "token", "demo-calendar-token-4f2a9c7e1b")),
            Map.of("name", "CRM lookup", "description", "Looks the caller up by phone number.",
                    "endpoint", "https://crm.example.com/api/contacts/search", "method", "GET", "category", "crm",
                    "parameters", CALLER,
                    "headers", Map.of("Accept", "application/json", "X-Api-Key", "demo-crm-key-8d3b6e0a52")),
            Map.of("name", "Weather", "description", "Today's forecast for a city.",
                    "endpoint", "https://weather.example.com/forecast", "method", "GET", "category", "data",
                    "parameters", CITY));

    /** By name, with the names of the tools each uses. */
    private static final List<Map<String, Object>> ASSISTANTS = List.of(
            Map.of("name", "Front desk", "description", "Answers the practice's main line and books appointments.",
                    "system_prompt", "You are the friendly front desk of a dental practice. Book, move or cancel "
                            + "appointments with the Calendar tool; look callers up in the CRM first.",
                    "first_message", "Good morning, you have reached the practice. How can I help?",
                    "language", "en-GB", "temperature", 0.4, "status", "deployed",
                    "tools", List.of("Calendar", "CRM lookup")),
            Map.of("name", "After-hours line", "description", "Takes messages when the practice is closed.",
                    "system_prompt", "The practice is closed. Take a message with the caller's name and number.",
                    "first_message", "Hello, the practice is closed right now. May I take a message?",
                    "language", "en-GB", "temperature", 0.7, "status", "testing",
                    "tools", List.of("CRM lookup", "Weather")));

    /**
     * By number, in E.164 as the platform stores them; numbers from the ranges that Ofcom keeps for
     * drama, so that the demo never reaches anyone.
     */
    private static final List<Map<String, Object>> PHONE_NUMBERS = List.of(
            Map.of("phone_number", "+442079460958", "friendly_name", "London practice line", "assistant", "Front desk"),
            Map.of("phone_number", "+441614960123", "friendly_name", "Manchester after-hours", "assistant",
                    "After-hours line"));

    private final String baseUrl;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    Seed(String baseUrl, PrintStream out) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.out = out;
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String baseUrl = args.length > 0 ? args[0] : environment.getOrDefault("VOICEPARTNER_URL",
                "http://localhost:" + environment.getOrDefault("PORT", "8080"));
        try {
            new Seed(baseUrl, System.out).run();
        } catch (RuntimeException e) {
            System.err.println("Seed failed: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        out.println("Seeding " + baseUrl);
        signIn();
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
        out.println("Sign in as " + EMAIL + " with the password " + PASSWORD);
    }

    private void signIn() {
        Response signUp = send("POST", "/api/users", Map.of("email", EMAIL, "password", PASSWORD, "name", "Demo User"));
        if (signUp.status() == 409) {
            out.println("user " + EMAIL + ": exists");
        } else if (signUp.status() == 201 || signUp.status() == 202) {
            out.println("user " + EMAIL + ": created " + signUp.body().path("data").path("id").asText());
        } else {
            throw new IllegalStateException("signing up " + EMAIL + " failed: " + signUp);
        }
        Response login = send("POST", "/token", Map.of("email", EMAIL, "password", PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("signing in as " + EMAIL + " failed: " + login);
        }
        token = login.body().path("access_token").asText();
    }

    /**
     * Creates each of {@code wanted} that the user has no resource of the same {@code key} of yet.
     *
     * @return the id of every wanted resource by its key, created or found
     */
    private Map<String, String> ensure(String kind, String path, String key, List<Map<String, Object>> wanted,
                                       Function<Map<String, Object>, Map<String, Object>> body) {
        Map<String, String> existing = new HashMap<>();
        Response list = send("GET", path + "?limit=200", null);
        if (list.status() != 200) {
            throw new IllegalStateException("listing " + path + " failed: " + list);
        }
        list.body().path("data").forEach(found -> existing.put(found.path(key).asText(), found.path("id").asText()));
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> resource : wanted) {
            String name = (String) resource.get(key);
            String id = existing.get(name);
            if (id != null) {
                out.println(kind + " " + name + ": exists " + id);
            } else {
                Response created = send("POST", path, body.apply(resource));
                if (created.status() != 201 && created.status() != 202) {
                    throw new IllegalStateException("creating " + kind + " " + name + " failed: " + created);
                }
                id = created.body().path("data").path("id").asText();
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

    private Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
