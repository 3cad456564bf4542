package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as docs/API.md ("Webhooks") promises them, received by a local HTTP server: endpoints are an
 * organization's configuration with a secret shown once; every delivery is signed as the Standard Webhooks
 * specification says, verified here by an implementation written from the specification (not the platform's signer);
 * a receiver that fails for a while gets everything once it recovers; a deleted endpoint gets nothing more; only
 * public addresses are called, unless the development allow-list ({@code OUTBOUND_ALLOW_LIST}: 127.0.0.2 on the test
 * platform) opens one.
 */
class WebhooksIT extends PlatformIT {

    /** Where the receivers listen: the test platform's allow-listed loopback address ({@link ToolTestIT}). */
    private static final String RECEIVER_HOST = "127.0.0.2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer server;
    private static final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    private Api.User aliceUser;
    private Api alice;

    /** What one receiver got, and how many requests it fails before it answers {@code 204}. */
    static final class Receiver {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
    }

    record Received(String id, String timestamp, String signature, String body, int answeredWith) {}

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(RECEIVER_HOST, 0), 0);
        server.createContext("/hooks/", exchange -> {
            Receiver receiver = receivers.get(exchange.getRequestURI().getPath());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = receiver == null ? 404 : receiver.failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            if (receiver != null) {
                receiver.received.add(new Received(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body,
                        status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
    }

    @Test
    void anEndpointIsConfigurationWhoseSecretIsShownOnce() {
        Api.Response created = alice.post(
                "/api/webhook-endpoints",
                Map.of(
                        "url",
                        "https://hooks.example.com/crm",
                        "event_types",
                        List.of("assistant.updated"),
                        "description",
                        "CRM sync"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asText();
        String secret = created.data().path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSizeGreaterThanOrEqualTo(24);
        Api.Response read = alice.get("/api/webhook-endpoints/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().path("url").asText()).isEqualTo("https://hooks.example.com/crm");
        assertThat(read.data().path("event_types")).hasSize(1);
        assertThat(read.data().path("enabled").asBoolean()).isTrue();
        assertThat(read.text()).doesNotContain(secret).doesNotContain("secret\"");
        assertThat(alice.get("/api/webhook-endpoints").text()).doesNotContain(secret);

        Api.Response changed = alice.withHeader("If-Match", "\"1\"")
                .patch("/api/webhook-endpoints/" + id, Map.of("event_types", List.of("*"), "description", "All"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.data().path("event_types").get(0).asText()).isEqualTo("*");
        assertThat(changed.data().path("revision").asLong()).isEqualTo(2);

        assertThat(alice.delete("/api/webhook-endpoints/" + id).status()).isEqualTo(200);
        assertThat(alice.get("/api/webhook-endpoints/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesWhatCannotBeAnEndpointNamingTheField() {
        assertRefused(Map.of("url", "ftp://hooks.example.com/x", "event_types", List.of("*")), "url");
        assertRefused(Map.of("url", "https://user:pw@hooks.example.com/x", "event_types", List.of("*")), "url");
        assertRefused(Map.of("url", "https://hooks.example.com/x"), "event_types");
        assertRefused(Map.of("url", "https://hooks.example.com/x", "event_types", List.of()), "event_types");
        assertRefused(
                Map.of("url", "https://hooks.example.com/x", "event_types", List.of("Assistant Updated")),
                "event_types");
        assertRefused(
                Map.of("url", "https://hooks.example.com/x", "event_types", List.of("*", "tool.deleted")),
                "event_types");
        // shaped like a public type, but none is called so: the endpoint would wait for ever
        assertRefused(
                Map.of("url", "https://hooks.example.com/x", "event_types", List.of("assistant.renamed")),
                "event_types");
        assertRefused(
                Map.of(
                        "url",
                        "https://hooks.example.com/x",
                        "event_types",
                        List.of("*"),
                        "description",
                        "x".repeat(501)),
                "description");
        assertRefused(
                Map.of("url", "https://hooks.example.com/x", "event_types", List.of("*"), "secret", "whsec_mine"),
                "secret");
    }

    @Test
    void aPrivateAddressIsRefusedUnlessTheOperatorAllowsIt() {
        assertRefused(Map.of("url", "http://10.1.2.3/hooks", "event_types", List.of("*")), "url");
        assertRefused(Map.of("url", "http://127.0.0.3:8080/hooks", "event_types", List.of("*")), "url");
        assertRefused(Map.of("url", "http://[::1]/hooks", "event_types", List.of("*")), "url");

        // a name is checked when the connection is made, against every address it resolves to
        TestHosts.answer("hooks.intranet.example", loopback("127.0.0.3"));
        Endpoint rebound = endpoint("http://hooks.intranet.example:" + port() + "/hooks/rebound");
        String delivery = ping(rebound);
        JsonNode attempt = awaitAttempt(rebound, delivery, 1);
        assertThat(attempt.path("status_code").isNull()).isTrue();
        assertThat(attempt.path("error").asText()).contains("127.0.0.3").contains("loopback");
        assertThat(receiver("/hooks/rebound").received).isEmpty();
    }

    @Test
    void everyDeliveryIsSignedAsTheStandardWebhooksSpecificationSays() {
        Receiver receiver = receiver("/hooks/signed");
        Endpoint endpoint = endpoint(url("/hooks/signed"));

        String delivery = ping(endpoint);

        JsonNode attempt = awaitAttempt(endpoint, delivery, 1);
        assertThat(attempt.path("status_code").asInt()).isEqualTo(204);
        assertThat(attempt.path("latency_ms").isNumber()).isTrue();
        Received got = receiver.received.get(0);
        assertThat(verifies(got, endpoint.secret())).as(got.toString()).isTrue();
        assertThat(verifies(got, "whsec_" + Base64.getEncoder().encodeToString(new byte[32])))
                .isFalse();
        JsonNode ping = json(got.body());
        assertThat(ping.path("type").asText()).isEqualTo("ping");
        assertThat(ping.path("id").asText()).isEqualTo(got.id());
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(got.timestamp())))
                .isLessThan(300);
    }

    @Test
    void duringARotationDeliveriesAreSignedWithTheNewAndTheOldSecret() {
        Receiver receiver = receiver("/hooks/rotated");
        Endpoint endpoint = endpoint(url("/hooks/rotated"));

        Api.Response rotated = alice.post("/api/webhook-endpoints/" + endpoint.id() + "/rotate-secret", Map.of());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.data().path("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotated.data().path("previous_secret_expires_at").asText()).isNotEmpty();
        awaitAttempt(endpoint, ping(endpoint), 1);

        Received got = receiver.received.get(0);
        assertThat(got.signature().split(" ")).hasSize(2);
        assertThat(verifies(got, newSecret)).isTrue();
        assertThat(verifies(got, endpoint.secret())).isTrue();
    }

    @Test
    void aReceiverThatFailsForAWhileGetsItsDeliveryOnceItRecovers() {
        Receiver receiver = receiver("/hooks/flaky");
        receiver.failuresLeft.set(3);
        Endpoint endpoint = endpoint(url("/hooks/flaky"));

        String delivery = ping(endpoint);

        JsonNode last = awaitAttempt(endpoint, delivery, 4);
        assertThat(last.path("status_code").asInt()).isEqualTo(204);
        JsonNode shown = deliveryOf(endpoint, delivery);
        assertThat(shown.path("status").asText()).isEqualTo("succeeded");
        List<Integer> statuses = new ArrayList<>();
        shown.path("attempts").forEach(a -> statuses.add(a.path("status_code").asInt()));
        assertThat(statuses).containsExactly(500, 500, 500, 204);
        assertThat(shown.path("attempts").get(0).path("next_retry_at").asText()).isNotEmpty();
        assertThat(receiver.received)
                .extracting(Received::id)
                .containsOnly(receiver.received.get(0).id());
        receiver.received.forEach(
                got -> assertThat(verifies(got, endpoint.secret())).isTrue());
    }

    @Test
    void aRedeliverySendsTheSameEventAgain() {
        Receiver receiver = receiver("/hooks/again");
        Endpoint endpoint = endpoint(url("/hooks/again"));
        String delivery = ping(endpoint);
        awaitAttempt(endpoint, delivery, 1);

        Api.Response again = alice.post(
                "/api/webhook-endpoints/" + endpoint.id() + "/deliveries/" + delivery + "/redeliver", Map.of());

        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.data().path("redelivery_of").asText()).isEqualTo(delivery);
        awaitAttempt(endpoint, again.data().path("id").asText(), 1);
        assertThat(receiver.received).hasSize(2);
        assertThat(receiver.received.get(1).id())
                .isEqualTo(receiver.received.get(0).id());
        assertThat(receiver.received.get(1).body())
                .isEqualTo(receiver.received.get(0).body());
    }

    @Test
    void aDeletedEndpointGetsNothingMore() {
        Receiver receiver = receiver("/hooks/deleted");
        receiver.failuresLeft.set(1_000);
        Endpoint endpoint = endpoint(url("/hooks/deleted"));
        String delivery = ping(endpoint);
        awaitAttempt(endpoint, delivery, 1);

        assertThat(alice.delete("/api/webhook-endpoints/" + endpoint.id()).status())
                .isEqualTo(200);
        // an attempt already under way when the deletion was shown may still land; nothing after it does
        int before = receiver.received.size();

        assertThat(alice.post("/api/webhook-endpoints/" + endpoint.id() + "/test", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(alice.get("/api/webhook-endpoints/" + endpoint.id() + "/deliveries")
                        .status())
                .isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> "cancelled".equals(statusInTheDatabase(delivery)));
        assertThat(receiver.received.size()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void anotherOrganizationsEndpointDoesNotExistForTheCaller() {
        Endpoint endpoint = endpoint(url("/hooks/private"));
        Api bob = api().as(api().signUp());

        for (Api.Response refused : List.of(
                bob.get("/api/webhook-endpoints/" + endpoint.id()),
                bob.get("/api/webhook-endpoints/" + endpoint.id() + "/deliveries"),
                bob.post("/api/webhook-endpoints/" + endpoint.id() + "/test", Map.of()),
                bob.post("/api/webhook-endpoints/" + endpoint.id() + "/rotate-secret", Map.of()),
                bob.patch("/api/webhook-endpoints/" + endpoint.id(), Map.of("description", "mine")),
                bob.delete("/api/webhook-endpoints/" + endpoint.id()))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        }
        assertThat(bob.get("/api/webhook-endpoints").data()).isEmpty();
    }

    @Test
    void anEndpointThatAcceptsNothingForTooLongIsDisabledWithAnEventSayingSo() {
        Receiver receiver = receiver("/hooks/down");
        receiver.failuresLeft.set(Integer.MAX_VALUE);
        Endpoint endpoint = endpoint(url("/hooks/down"));

        // the test platform disables after WEBHOOK_DISABLE_AFTER of failures: pings keep it failing until then
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode shown =
                            alice.get("/api/webhook-endpoints/" + endpoint.id()).data();
                    if (shown.path("enabled").asBoolean()) {
                        alice.post("/api/webhook-endpoints/" + endpoint.id() + "/test", Map.of());
                        return false;
                    }
                    return true;
                });

        JsonNode disabled = alice.get("/api/webhook-endpoints/" + endpoint.id()).data();
        assertThat(disabled.path("disabled_reason").asText()).contains("No delivery was accepted");
        Api.Response refused = alice.post("/api/webhook-endpoints/" + endpoint.id() + "/test", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alice.get("/api/organizations/" + aliceUser.id() + "/audit-log")
                        .text()
                        .contains("WebhookEndpointDisabled"));

        receiver.failuresLeft.set(0);
        Api.Response enabled = alice.patch("/api/webhook-endpoints/" + endpoint.id(), Map.of("enabled", true));
        assertThat(enabled.data().path("enabled").asBoolean()).isTrue();
        assertThat(enabled.data().path("disabled_reason").isNull()).isTrue();
        String delivery = ping(endpoint);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        deliveryOf(endpoint, delivery).path("status").asText().equals("succeeded"));
    }

    @Test
    void aReceiverThatFailsForAWhileGetsEveryEventInOrderOnceItRecoversAndNothingOfAnotherOrganization() {
        Receiver receiver = receiver("/hooks/events");
        receiver.failuresLeft.set(4);
        Endpoint endpoint = endpoint(url("/hooks/events"));
        Api bob = api().as(api().signUp());
        bob.post("/api/webhook-endpoints", Map.of("url", url("/hooks/bobs"), "event_types", List.of("*")));

        String tool = AssistantToolsIT.tool(alice, "Calendar");
        String bobsTool = AssistantToolsIT.tool(bob, "Weather");
        for (String description : List.of("first", "second", "third")) {
            assertThat(alice.patch("/api/tools/" + tool, Map.of("description", description))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(alice.delete("/api/tools/" + tool).status()).isEqualTo(200);
        List<String> feed = new ArrayList<>();
        EventsIT.awaitEvents(alice, "", 5)
                .forEach(event -> feed.add(event.path("id").asText()));

        await().atMost(Duration.ofSeconds(60)).until(() -> accepted(receiver).size() >= feed.size());
        List<Received> accepted = accepted(receiver);
        assertThat(accepted).extracting(Received::id).containsExactlyElementsOf(feed);
        List<Long> revisions = new ArrayList<>();
        for (Received got : accepted) {
            assertThat(verifies(got, endpoint.secret())).as(got.toString()).isTrue();
            JsonNode event = json(got.body());
            assertThat(event.path("organization_id").asText()).isEqualTo(aliceUser.id());
            assertThat(event.path("resource").path("id").asText()).isEqualTo(tool);
            revisions.add(event.path("resource").path("revision").asLong());
        }
        assertThat(revisions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(json(accepted.get(4).body()).path("type").asText()).isEqualTo("tool.deleted");
        List<String> bobs = new ArrayList<>();
        EventsIT.awaitEvents(bob, "", 1)
                .forEach(event -> bobs.add(event.path("id").asText()));
        assertThat(receiver.received).extracting(Received::id).doesNotContainAnyElementsOf(bobs);
        assertThat(receiver.received).allSatisfy(got -> assertThat(got.body()).doesNotContain(bobsTool));
    }

    @Test
    void anEndpointGetsOnlyTheEventTypesItTakes() {
        Receiver receiver = receiver("/hooks/deletions");
        Api.Response created = alice.post(
                "/api/webhook-endpoints",
                Map.of("url", url("/hooks/deletions"), "event_types", List.of("tool.deleted")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        String tool = AssistantToolsIT.tool(alice, "Calendar");
        assertThat(alice.delete("/api/tools/" + tool).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> !accepted(receiver).isEmpty());
        EventsIT.awaitEvents(alice, "", 2);
        assertThat(receiver.received)
                .extracting(got -> json(got.body()).path("type").asText())
                .containsOnly("tool.deleted");
    }

    /** What the receiver accepted, each event once, in the order it accepted them. */
    private static List<Received> accepted(Receiver receiver) {
        return receiver.received.stream()
                .filter(got -> got.answeredWith() == 204)
                .toList();
    }

    /** The receiver's check, written from the Standard Webhooks specification, not from the platform's signer. */
    private static boolean verifies(Received got, String secret) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected =
                    mac.doFinal((got.id() + "." + got.timestamp() + "." + got.body()).getBytes(StandardCharsets.UTF_8));
            for (String signature : got.signature().split(" ")) {
                String[] versioned = signature.split(",", 2);
                if (versioned.length == 2
                        && versioned[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Endpoint(String id, String secret) {}

    private Endpoint endpoint(String url) {
        Api.Response created = alice.post("/api/webhook-endpoints", Map.of("url", url, "event_types", List.of("*")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Endpoint(
                created.data().path("id").asText(),
                created.data().path("secret").asText());
    }

    /** @return the id of the ping's delivery */
    private String ping(Endpoint endpoint) {
        Api.Response ping = alice.post("/api/webhook-endpoints/" + endpoint.id() + "/test", Map.of());
        assertThat(ping.status()).as(ping.toString()).isEqualTo(202);
        assertThat(ping.data().path("event_type").asText()).isEqualTo("ping");
        return ping.data().path("id").asText();
    }

    private JsonNode awaitAttempt(Endpoint endpoint, String delivery, int attempt) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> deliveryOf(endpoint, delivery).path("attempts").size() >= attempt);
        return deliveryOf(endpoint, delivery).path("attempts").get(attempt - 1);
    }

    private JsonNode deliveryOf(Endpoint endpoint, String delivery) {
        for (JsonNode shown : alice.get("/api/webhook-endpoints/" + endpoint.id() + "/deliveries")
                .data()) {
            if (shown.path("id").asText().equals(delivery)) {
                return shown;
            }
        }
        throw new AssertionError("no delivery " + delivery + " of endpoint " + endpoint.id());
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Api.Response refused = alice.post("/api/webhook-endpoints", body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("details").toString())
                .as(refused.toString())
                .contains("\"" + field + "\"");
    }

    private static Receiver receiver(String path) {
        Receiver receiver = new Receiver();
        receivers.put(path, receiver);
        return receiver;
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static String url(String path) {
        return "http://" + RECEIVER_HOST + ":" + port() + path;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusInTheDatabase(String delivery) throws Exception {
        try (Connection database = StoredEvents.connect();
                PreparedStatement select =
                        database.prepareStatement("SELECT status FROM query.webhook_deliveries WHERE id = ?")) {
            select.setString(1, delivery);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
