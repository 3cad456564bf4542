package io.voicepartner.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The realistic data set, loaded through the HTTP API: users with tools (each with a bearer token and an API-key
 * header, encrypted as the platform stores credentials), assistants using two of their owner's tools each (with a
 * prompt and a voice as the frontend sends them), and phone numbers reaching some of them. For the runtime's phases
 * each assistant a number reaches publishes a version first, and every second number is pinned to it. Keeps what
 * the measured phases need: every user's id, token and tools, every assistant's id and owner, every number.
 */
final class DataSet {

    static final String PASSWORD = "bench-password-1234";
    private static final String[] STATUSES = {"draft", "testing", "deployed"};
    private static final String[] CATEGORIES = {"scheduling", "crm", "data"};

    /** @param id the user's id, which is also their personal organization's */
    record User(String id, String email, String token, List<String> toolIds) {}

    /** @param e164 the number as calls reach it */
    record PhoneNumber(String id, String e164, int owner) {}

    record Assistant(String id, int owner) {}

    private final Api api;
    private final List<User> users = new ArrayList<>();
    private final List<Assistant> assistants = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sequence = new AtomicLong();
    private final List<PhoneNumber> phoneNumbers = Collections.synchronizedList(new ArrayList<>());

    DataSet(Api api) {
        this.api = api;
    }

    List<User> users() {
        return users;
    }

    List<Assistant> assistants() {
        return assistants;
    }

    int phoneNumbers() {
        return phoneNumbers.size();
    }

    List<PhoneNumber> numbers() {
        return phoneNumbers;
    }

    void load(Settings settings) throws Exception {
        for (int u = 0; u < settings.users(); u++) {
            users.add(signUp(u, settings.toolsPerUser()));
        }
        ExecutorService clients = Executors.newFixedThreadPool(settings.loadClients());
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < settings.loadClients(); c++) {
                done.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < settings.assistants(); n = next.getAndIncrement()) {
                        int owner = n % users.size();
                        String id = createAssistant(owner);
                        if (n % settings.assistantsPerPhoneNumber() == 0) {
                            boolean answering = settings.runtime();
                            if (answering) {
                                publish(owner, id);
                            }
                            createPhoneNumber(
                                    owner, id, n, answering && n / settings.assistantsPerPhoneNumber() % 2 == 1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    User signUp(int u, int tools) {
        String email = "bench-" + u + "@bench.voicepartner.local";
        Api.Response signUp =
                api.post("/api/users", null, Map.of("email", email, "password", PASSWORD, "name", "Bench user " + u));
        if (!signUp.ok() && signUp.status() != 202) {
            throw new IllegalStateException("sign-up of " + email + ": " + signUp);
        }
        Api.Response login = api.post("/token", null, Map.of("email", email, "password", PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("login of " + email + ": " + login);
        }
        String token = login.json().path("access_token").asText();
        List<String> toolIds = new ArrayList<>();
        for (int t = 0; t < tools; t++) {
            Api.Response tool = api.post(
                    "/api/tools/",
                    token,
                    Map.of(
                            "name",
                            "Tool " + t,
                            "description",
                            "A bench tool that looks something up.",
                            "endpoint",
                            "https://tools.example.com/u" + u + "/t" + t,
                            "method",
                            "POST",
                            "category",
                            CATEGORIES[t % CATEGORIES.length],
                            "parameters",
                            Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of("query", Map.of("type", "string", "description", "What to look up")),
                                    "required",
                                    List.of("query")),
                            "headers",
                            Map.of("Accept", "application/json", "X-Api-Key", "bench-key-" + UUID.randomUUID()),
                            "authentication",
                            Map.of("type", "bearer", "token", "bench-token-" + UUID.randomUUID())));
            if (!tool.ok() && tool.status() != 202) {
                throw new IllegalStateException("tool of " + email + ": " + tool);
            }
            toolIds.add(tool.json().path("data").path("id").asText());
        }
        return new User(signUp.json().path("data").path("id").asText(), email, token, toolIds);
    }

    /** The body of a create-assistant as the frontend's form sends it. */
    Map<String, Object> newAssistant(int owner) {
        long n = sequence.incrementAndGet();
        List<String> tools = users.get(owner).toolIds();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Assistant " + n);
        body.put("description", "Answers calls for branch " + n + " and books appointments.");
        body.put(
                "system_prompt",
                "You are the friendly receptionist of branch " + n + ". Greet the caller, find out "
                        + "what they need, look them up in the CRM and book, move or cancel appointments with the calendar. "
                        + "Keep answers short and confirm every booking by repeating date and time.");
        body.put("first_message", "Hello, you have reached branch " + n + ". How can I help?");
        body.put("llm_provider", "openai");
        body.put("llm_model", "gpt-4o-mini");
        body.put("temperature", 0.4);
        body.put("voice_provider", "elevenlabs");
        body.put("voice_id", "voice-" + (n % 7));
        body.put("language", "en-GB");
        body.put("status", STATUSES[(int) (n % STATUSES.length)]);
        if (!tools.isEmpty()) {
            body.put("tool_ids", List.of(tools.get((int) (n % tools.size())), tools.get((int)
                    ((n + 1) % tools.size()))));
        }
        return body;
    }

    String createAssistant(int owner) {
        Api.Response created = api.post("/api/assistants/", users.get(owner).token(), newAssistant(owner));
        if (!created.ok() && created.status() != 202) {
            throw new IllegalStateException("create assistant: " + created);
        }
        String id = created.json().path("data").path("id").asText();
        assistants.add(new Assistant(id, owner));
        return id;
    }

    private void publish(int owner, String assistantId) {
        Api.Response published = api.post(
                "/api/assistants/" + assistantId + "/versions", users.get(owner).token(), Map.of("note", "bench"));
        if (!published.ok() && published.status() != 202) {
            throw new IllegalStateException("publish " + assistantId + ": " + published);
        }
    }

    /** @param pinned whether the number is pinned to the assistant's version 1, rather than following its latest */
    private void createPhoneNumber(int owner, String assistantId, int n, boolean pinned) {
        // Berlin numbers, unique per assistant; the platform stores them in E.164
        String number = "+4930" + (20_000_000 + n);
        Map<String, Object> body = new LinkedHashMap<>(
                Map.of("phone_number", number, "friendly_name", "Line " + n, "assistant_id", assistantId));
        if (pinned) {
            body.put("assistant_version", 1);
        }
        Api.Response created = api.post("/api/phone-numbers/", users.get(owner).token(), body);
        if (!created.ok() && created.status() != 202) {
            throw new IllegalStateException("create phone number " + number + ": " + created);
        }
        phoneNumbers.add(new PhoneNumber(created.json().path("data").path("id").asText(), number, owner));
    }
}
