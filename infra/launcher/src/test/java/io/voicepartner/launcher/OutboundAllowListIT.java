package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-tenant outbound allow-list (ADR 0025): a range an operator grants one tenant with
 * {@code infra/scripts/outbound-allow-list} ({@link OutboundAllowList}) is reachable by that tenant's tool calls
 * only; every other tenant is refused {@code 400} naming {@code endpoint}, and so is the tenant after a revocation.
 * The development allow-list of the shared test platform ({@code OUTBOUND_ALLOW_LIST}, {@link ToolTestIT}) does
 * not cover the address used here.
 */
class OutboundAllowListIT extends PlatformIT {

    /** A loopback address of its own, outside the shared platform's development allow-list. */
    private static final String GRANTED_HOST = "127.0.0.5";

    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(GRANTED_HOST, 0), 0);
        server.createContext("/on-premise", exchange -> {
            byte[] body = "{\"stock\": 12}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void onlyTheTenantGrantedARangeReachesIt() throws SQLException {
        Api.User granted = api().signUp();
        Api alice = api().as(granted);
        Api bob = api().as(api().signUp());
        String endpoint = "http://" + GRANTED_HOST + ":" + server.getAddress().getPort() + "/on-premise";
        String alicesTool = tool(alice, endpoint);
        String bobsTool = tool(bob, endpoint);

        assertRefused(alice.post("/api/tools/" + alicesTool + "/test", Map.of()));
        assertThat(operator("grant", granted.id(), GRANTED_HOST + "/32")).contains("Granted 127.0.0.5/32");

        Api.Response reached = alice.post("/api/tools/" + alicesTool + "/test", Map.of());
        assertThat(reached.status()).as(reached.toString()).isEqualTo(200);
        assertThat(reached.data().path("status_code").asInt()).isEqualTo(200);
        assertThat(reached.data().path("body").asText()).contains("stock");
        assertRefused(bob.post("/api/tools/" + bobsTool + "/test", Map.of()));
        assertThat(operator("list", granted.id())).contains(granted.id() + " 127.0.0.5/32");

        assertThat(operator("revoke", granted.id(), "127.0.0.5")).contains("Revoked 127.0.0.5/32");
        assertRefused(alice.post("/api/tools/" + alicesTool + "/test", Map.of()));
    }

    @Test
    void theOperatorGrantsOnlyAddressRangesToUsersWhoExist() {
        String someone = api().signUp().id();

        assertThatThrownBy(() -> operator("grant", someone, "erp.intranet"))
                .hasMessageContaining("not an address range");
        assertThatThrownBy(() -> operator("grant", someone, "10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> operator("grant", "01a20c2a-54ac-7454-b108-000000000000", "10.0.0.0/8"))
                .hasMessageContaining("No user");
        assertThat(OutboundAllowList.cidr("10.20.30.40/16")).isEqualTo("10.20.0.0/16");
    }

    private static void assertRefused(Api.Response tested) {
        assertThat(tested.status()).as(tested.toString()).isEqualTo(400);
        JsonNode detail = tested.error().path("details").path(0);
        assertThat(detail.path("field").asText()).isEqualTo("endpoint");
        assertThat(detail.path("message").asText()).contains("127.0.0.5 is a loopback address");
    }

    private static String tool(Api owner, String endpoint) {
        Api.Response created = owner.post("/api/tools", Map.of("name", "Stock", "endpoint", endpoint, "method", "GET"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    /** What {@code infra/scripts/outbound-allow-list} runs, against the shared platform's database. */
    private static String operator(String... args) throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.database();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            new OutboundAllowList(connection, new PrintStream(output, true, StandardCharsets.UTF_8)).run(args);
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
