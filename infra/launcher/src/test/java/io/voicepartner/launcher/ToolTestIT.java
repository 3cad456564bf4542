package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/tools/{id}/test} against a local HTTP server that the configuration allows
 * ({@link #ALLOWED_RANGE}, set for every test by {@link PlatformIT}), while every other private or special
 * address is refused before anything is sent.
 */
class ToolTestIT extends PlatformIT {

    /** A loopback address of its own, so that allowing it leaves 127.0.0.1 refused. */
    static final String ALLOWED_RANGE = "127.0.0.2/32";

    private static final String TOKEN = "sk_test_51HxYzAbCdEf0123456789";

    /** {@code TOOL_CALL_CONCURRENCY_PER_TENANT}'s default. */
    private static final int CONCURRENT_PER_TENANT = 3;

    private static HttpServer server;
    private static final AtomicInteger held = new AtomicInteger();
    private static final AtomicInteger landed = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private Api alice;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = Api.write(Map.of(
                    "method",
                    exchange.getRequestMethod(),
                    "authorization",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "accept",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Accept")),
                    "query",
                    String.valueOf(exchange.getRequestURI().getQuery()),
                    "body",
                    body));
            respond(exchange, 201, answer);
        });
        server.createContext("/large", exchange -> respond(exchange, 200, "x".repeat(100_000)));
        server.createContext("/broken", exchange -> respond(exchange, 503, "down for maintenance"));
        // answers its headers at once, then one byte of its body every 100 ms for a minute
        server.createContext("/trickle", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('x');
                    out.flush();
                    sleep(100);
                }
            } catch (IOException cutOff) {
                // the platform closed the connection at its deadline
            }
        });
        // holds its answer, headers and all, until the test releases it (or a minute has passed)
        server.createContext("/hold", exchange -> {
            held.incrementAndGet();
            waitFor(release);
            respond(exchange, 200, "{\"released\": true}");
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", local("/landed"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/landed", exchange -> {
            landed.incrementAndGet();
            respond(exchange, 200, "{}");
        });
        // calls that are held or trickled must not keep the others waiting
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop(0);
    }

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void callsTheEndpointWithItsHeadersAndCredentialsAndRecordsTheExecution() {
        String tool = newTool(local("/echo"), "POST");

        Api.Response tested = alice.post("/api/tools/" + tool + "/test", Map.of("arguments", Map.of("city", "Berlin")));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        JsonNode result = tested.data();
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("status_code").asInt()).isEqualTo(201);
        assertThat(result.path("latency_ms").asLong()).isNotNegative();
        assertThat(result.path("body_truncated").asBoolean()).isFalse();
        JsonNode echoed = readTree(result.path("body").asText());
        assertThat(echoed.path("method").asText()).isEqualTo("POST");
        assertThat(echoed.path("authorization").asText()).isEqualTo("Bearer " + TOKEN);
        assertThat(echoed.path("accept").asText()).isEqualTo("application/json");
        assertThat(readTree(echoed.path("body").asText()).path("city").asText()).isEqualTo("Berlin");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + tool)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(1));
    }

    /** A key in the endpoint's query string is shown masked, and sent as it was written (issue 17). */
    @Test
    void sendsTheRealCredentialOfTheEndpointsQueryStringAndShowsItMasked() {
        String tool = newTool(local("/echo") + "?api_key=" + TOKEN + "&units=metric", "GET");

        assertThat(alice.get("/api/tools/" + tool).data().path("endpoint").asText())
                .isEqualTo(local("/echo") + "?api_key=••••" + TOKEN.substring(TOKEN.length() - 4) + "&units=metric");
        Api.Response tested = alice.post("/api/tools/" + tool + "/test", Map.of("arguments", Map.of("city", "Köln")));

        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(readTree(tested.data().path("body").asText()).path("query").asText())
                .isEqualTo("api_key=" + TOKEN + "&units=metric&city=Köln");
    }

    @Test
    void passesArgumentsOfAGetAsTheQueryAndCutsALongBodyOff() {
        String echo = newTool(local("/echo"), "GET");
        JsonNode echoed =
                readTree(alice.post("/api/tools/" + echo + "/test", Map.of("arguments", Map.of("city", "Köln")))
                        .data()
                        .path("body")
                        .asText());
        assertThat(echoed.path("query").asText()).isEqualTo("city=Köln");

        JsonNode large = alice.post("/api/tools/" + newTool(local("/large"), "GET") + "/test", Map.of())
                .data();
        assertThat(large.path("body_truncated").asBoolean()).isTrue();
        assertThat(large.path("body").asText()).hasSize(4096);

        JsonNode broken = alice.post("/api/tools/" + newTool(local("/broken"), "GET") + "/test", Map.of())
                .data();
        assertThat(broken.path("success").asBoolean()).isFalse();
        assertThat(broken.path("status_code").asInt()).isEqualTo(503);
    }

    /**
     * TOOL_CALL_TIMEOUT (3 s on the test platform, PlatformIT) is the deadline of the whole call: a body trickled a byte at a time, each byte well
     * within any per-read timeout, is cut off at it, as is an endpoint that never sends its headers. The two calls
     * run at once (two of the tenant's three test calls), so that the test waits for one deadline, not two.
     */
    @Test
    void aCallEndsAtItsDeadlineWhetherTheBodyTricklesOrTheHeadersNeverCome() {
        String trickle = newTool(local("/trickle"), "GET");
        String silent = newTool(local("/hold"), "GET");
        release = new CountDownLatch(1);

        CompletableFuture<Api.Response> trickling =
                CompletableFuture.supplyAsync(() -> alice.post("/api/tools/" + trickle + "/test", Map.of()));
        JsonNode unanswered =
                alice.post("/api/tools/" + silent + "/test", Map.of()).data();
        JsonNode trickled = trickling.join().data();
        release.countDown();

        assertThat(trickled.path("success").asBoolean()).as(trickled.toString()).isFalse();
        assertThat(trickled.path("status_code").asInt()).isEqualTo(200);
        assertThat(trickled.path("error").asText())
                .contains("did not answer in full within 3 s")
                .contains("TOOL_CALL_TIMEOUT");
        assertThat(unanswered.path("success").asBoolean())
                .as(unanswered.toString())
                .isFalse();
        assertThat(unanswered.path("status_code").isNull()).isTrue();
        assertThat(unanswered.path("error").asText()).contains("within 3 s");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + trickle)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(1));
    }

    @Test
    void aRedirectIsShownAsTheEndpointAnsweredItAndNotFollowed() {
        JsonNode redirected = alice.post("/api/tools/" + newTool(local("/redirect"), "GET") + "/test", Map.of())
                .data();

        assertThat(redirected.path("status_code").asInt())
                .as(redirected.toString())
                .isEqualTo(302);
        assertThat(redirected.path("success").asBoolean()).isFalse();
        assertThat(landed.get()).as("calls that followed the redirect").isZero();
    }

    /**
     * A tenant with as many test calls running as it may have gets a 429 for one more, with Retry-After, while
     * another tenant's test call goes through: the calls held do not take the platform's connections or threads.
     */
    @Test
    void aTenantOverItsConcurrentTestCallsIsRefusedWhileAnotherTenantsCallGoesThrough() throws Exception {
        String hold = newTool(local("/hold"), "GET");
        release = new CountDownLatch(1);
        held.set(0);
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_PER_TENANT);
        try {
            List<Future<Api.Response>> running = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_PER_TENANT; i++) {
                running.add(callers.submit(() -> alice.post("/api/tools/" + hold + "/test", Map.of())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> held.get() == CONCURRENT_PER_TENANT);

            Api.Response refused = alice.post("/api/tools/" + hold + "/test", Map.of());
            Api bob = api().as(api().signUp());
            String bobsTool = bob.post(
                            "/api/tools", Map.of("name", "Echo", "endpoint", local("/echo"), "method", "POST"))
                    .data()
                    .path("id")
                    .asText();
            Api.Response bobs = bob.post("/api/tools/" + bobsTool + "/test", Map.of());
            release.countDown();

            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.error().path("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.error().path("message").asText())
                    .contains(CONCURRENT_PER_TENANT + " test calls running");
            assertThat(refused.header("Retry-After")).isEqualTo("3");
            assertThat(bobs.status()).as(bobs.toString()).isEqualTo(200);
            assertThat(bobs.data().path("success").asBoolean()).isTrue();
            for (Future<Api.Response> call : running) {
                Api.Response answered = call.get();
                assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
                assertThat(answered.data().path("success").asBoolean())
                        .as(answered.toString())
                        .isTrue();
            }
            assertThat(held.get()).as("calls that reached the endpoint").isEqualTo(CONCURRENT_PER_TENANT);
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void refusesLoopbackMetadataAndPrivateAddressesByDefault() {
        int port = server.getAddress().getPort();
        assertRefused("http://127.0.0.1:" + port + "/echo", "127.0.0.1 is a loopback address");
        assertRefused("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is the cloud metadata address");
        assertRefused("http://localhost:" + port + "/echo", "localhost resolves to");
        assertRefused("http://[::1]:" + port + "/echo", "a loopback address");
        assertRefused("http://[::ffff:127.0.0.1]:" + port + "/echo", "a loopback address");
        assertRefused("http://10.1.2.3/", "a private address");
        assertRefused("http://100.64.0.1/", "carrier-grade NAT");
        assertRefused("http://[fd00::1]/", "a unique-local address");
        assertRefused("http://0.0.0.0:" + port + "/", "unspecified");
    }

    /**
     * A name whose only DNS answer is an AAAA record holding a non-public IPv4 address in an IPv6 form: mapped
     * ({@code ::ffff:127.0.0.1}, which Java normalises only when it is written in the URL) or embedded (NAT64,
     * 6to4). A loopback service listens behind the mapped one, so that a call getting through would show.
     */
    @Test
    void refusesANameResolvingToANonPublicIpv4AddressInAnIpv6Form() throws IOException {
        HttpServer loopback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loopback.createContext("/", exchange -> respond(exchange, 200, "{\"internal\": \"secret\"}"));
        loopback.start();
        try {
            int port = loopback.getAddress().getPort();
            TestHosts.answer("mapped-loopback.tools.test", ipv6("::ffff:127.0.0.1"));
            TestHosts.answer("mapped-metadata.tools.test", ipv6("::ffff:169.254.169.254"));
            TestHosts.answer("nat64-private.tools.test", ipv6("64:ff9b::a00:1"));
            TestHosts.answer("6to4-loopback.tools.test", ipv6("2002:7f00:1::1"));

            assertRefused("http://mapped-loopback.tools.test:" + port + "/", "a loopback address");
            assertRefused("http://mapped-metadata.tools.test/latest/meta-data/", "the cloud metadata address");
            assertRefused("http://nat64-private.tools.test/", "a NAT64 address of 10.0.0.1, a private address");
            assertRefused("http://6to4-loopback.tools.test:" + port + "/", "a 6to4 address of 127.0.0.1");
        } finally {
            loopback.stop(0);
        }
    }

    /** The address as a DNS answer brings it: an {@link Inet6Address}, never normalised to IPv4. */
    private static InetAddress ipv6(String literal) throws UnknownHostException {
        byte[] parsed = InetAddress.getByName(literal).getAddress();
        byte[] bytes = parsed;
        if (parsed.length == 4) {
            // Java parsed ::ffff:a.b.c.d to the IPv4 address: put it back in the mapped form
            bytes = new byte[16];
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(parsed, 0, bytes, 12, 4);
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @Test
    void argumentsTheToolsParametersRefuseAreA400NamingEachAndNothingIsCalled() {
        Api.Response created = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Weather",
                        "endpoint",
                        local("/echo"),
                        "method",
                        "POST",
                        "parameters",
                        Map.of(
                                "type",
                                "object",
                                "required",
                                List.of("city"),
                                "properties",
                                Map.of("city", Map.of("type", "string"), "days", Map.of("type", "integer")))));
        String tool = created.data().path("id").asText();

        Api.Response refused = alice.post("/api/tools/" + tool + "/test", Map.of("arguments", Map.of("days", "three")));
        Api.Response allowed = alice.post("/api/tools/" + tool + "/test", Map.of("arguments", Map.of("city", "Bonn")));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("arguments", "arguments.days");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alice.get("/api/tools/" + tool)
                                .data()
                                .path("total_calls")
                                .asLong())
                        .isEqualTo(1));
    }

    @Test
    void anotherUsersToolCannotBeTested() {
        String tool = newTool(local("/echo"), "POST");
        Api bob = api().as(api().signUp());

        assertThat(bob.post("/api/tools/" + tool + "/test", Map.of()).status()).isEqualTo(404);
    }

    private void assertRefused(String endpoint, String reason) {
        String tool = newTool(endpoint, "GET");

        Api.Response tested = alice.post("/api/tools/" + tool + "/test", Map.of());

        assertThat(tested.status()).as(tested.toString()).isEqualTo(400);
        JsonNode detail = tested.error().path("details").path(0);
        assertThat(detail.path("field").asText()).isEqualTo("endpoint");
        assertThat(detail.path("message").asText()).as(endpoint).contains(reason);
    }

    private String newTool(String endpoint, String method) {
        Api.Response created = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Echo",
                        "endpoint",
                        endpoint,
                        "method",
                        method,
                        "headers",
                        Map.of("Accept", "application/json"),
                        "authentication",
                        Map.of("type", "bearer", "token", TOKEN)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private static String local(String path) {
        return "http://127.0.0.2:" + server.getAddress().getPort() + path;
    }

    private static JsonNode readTree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
