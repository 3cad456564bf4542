package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key}: a retried POST returns the first response and changes nothing. */
class IdempotencyIT extends PlatformIT {

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstResponse() {
        Api alice = api().as(api().signUp())
                .withHeader("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = alice.post("/api/assistants", Map.of("name", "Once"));
        Api.Response retry = alice.post("/api/assistants", Map.of("name", "Once"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data()).isEqualTo(first.data());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(alice.get("/api/assistants")
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", "create-front-desk");
        alice.post("/api/assistants", Map.of("name", "Front desk"));

        Api.Response reused = alice.post("/api/assistants", Map.of("name", "Back office"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.error().path("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(alice.get("/api/assistants").data().findValuesAsText("name")).containsExactly("Front desk");
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = "shared-key-" + UUID.randomUUID();
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", key);
        Api bob = api().as(api().signUp()).withHeader("Idempotency-Key", key);

        Api.Response alices = alice.post("/api/assistants", Map.of("name", "Same body"));
        Api.Response bobs = bob.post("/api/assistants", Map.of("name", "Same body"));

        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.data().path("id").asText())
                .isNotEqualTo(alices.data().path("id").asText());
        assertThat(bobs.data().path("organization_id").asText())
                .isNotEqualTo(alices.data().path("organization_id").asText());
    }

    @Test
    void aRefusedRequestIsReplayedAsRefused() {
        Api alice = api().as(api().signUp())
                .withHeader("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = alice.post("/api/assistants", Map.of("name", ""));
        Api.Response retry = alice.post("/api/assistants", Map.of("name", ""));

        assertThat(first.status()).isEqualTo(400);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.json()).isEqualTo(first.json());
    }

    /** The first request is held inside a tool's test call, whose endpoint answers only when the test says so. */
    @Test
    void aRetryWhileTheFirstRequestStillRunsIsRefusedWith409() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        endpoint.createContext("/slow", exchange -> {
            called.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"slot\": \"10:30\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
        try {
            Api alice = api().as(api().signUp());
            String tool = alice.post(
                            "/api/tools",
                            Map.of(
                                    "name",
                                    "Slow calendar",
                                    "method",
                                    "GET",
                                    "endpoint",
                                    "http://127.0.0.2:" + endpoint.getAddress().getPort() + "/slow"))
                    .data()
                    .path("id")
                    .asText();
            Api once = alice.withHeader("Idempotency-Key", UUID.randomUUID().toString());
            CompletableFuture<Api.Response> first =
                    CompletableFuture.supplyAsync(() -> once.post("/api/tools/" + tool + "/test", Map.of()));
            assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();

            Api.Response retry = once.post("/api/tools/" + tool + "/test", Map.of());
            answer.countDown();

            assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
            assertThat(retry.error().path("code").asText()).isEqualTo("idempotency_request_in_progress");
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            Api.Response afterwards = once.post("/api/tools/" + tool + "/test", Map.of());
            assertThat(afterwards.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(afterwards.data()).isEqualTo(first.get().data());
        } finally {
            answer.countDown();
            endpoint.stop(0);
        }
    }

    /** A key is kept 24 h: the test ages two keys past it in the database, as a day passing would. */
    @Test
    void anExpiredKeyIsNotReplayedAndIsPurged() {
        Api.User user = api().signUp();
        String retried = "expired-" + UUID.randomUUID();
        String left = "left-" + UUID.randomUUID();
        Api.Response first = api().as(user)
                .withHeader("Idempotency-Key", retried)
                .post("/api/assistants", Map.of("name", "Yesterday's"));
        api().as(user).withHeader("Idempotency-Key", left).post("/api/assistants", Map.of("name", "Also yesterday's"));
        ageByADay(user.id(), retried);
        ageByADay(user.id(), left);

        Api.Response retry = api().as(user)
                .withHeader("Idempotency-Key", retried)
                .post("/api/assistants", Map.of("name", "Yesterday's"));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(retry.data().path("id").asText())
                .isNotEqualTo(first.data().path("id").asText());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> storedKeys(left) == 0);
    }

    /** The purge deletes 1 000 keys per statement, and as many statements as the backlog needs. */
    @Test
    void aBacklogOfExpiredKeysIsPurgedBatchByBatch() {
        String caller = "backlog-" + UUID.randomUUID();
        execute(
                "INSERT INTO command.idempotency_keys (caller, idempotency_key, request_hash, completed, created_at) "
                        + "SELECT ?, 'key-' || n, '\\x00'::bytea, true, now() - interval '2 days' FROM generate_series(1, 2500) n",
                caller);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> execute("SELECT count(*) FROM command.idempotency_keys WHERE caller = ?", caller) == 0);
    }

    /** Without a caller anyone could fill the table, and all of them would share one namespace of keys. */
    @Test
    void requestsWithoutACallerStoreNoKey() {
        String key = "anonymous-" + UUID.randomUUID();
        Api anonymous = api().withHeader("Idempotency-Key", key);
        Map<String, String> account =
                Map.of("email", "once-" + UUID.randomUUID() + "@example.com", "password", "correct horse");

        Api.Response signedUp = anonymous.post("/api/users", account);
        Api.Response again = anonymous.post("/api/users", account);
        Api.Response login = anonymous.post("/token", account);
        Api.Response invalidToken = anonymous
                .withHeader("Authorization", "Bearer not-a-token")
                .post("/api/assistants", Map.of("name", "Nobody's"));

        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().path("code").asText()).isEqualTo("email_taken");
        assertThat(login.status()).isEqualTo(200);
        assertThat(invalidToken.status()).isEqualTo(401);
        assertThat(storedKeys(key)).isZero();
    }

    private static void ageByADay(String caller, String key) {
        execute(
                "UPDATE command.idempotency_keys SET created_at = created_at - interval '25 hours' "
                        + "WHERE caller = ? AND idempotency_key = ?",
                caller,
                key);
    }

    private static long storedKeys(String key) {
        return execute("SELECT count(*) FROM command.idempotency_keys WHERE idempotency_key = ?", key);
    }

    /** @return the count a query selects, or the rows an update changed */
    private static long execute(String sql, String... parameters) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            if (!statement.execute()) {
                return statement.getUpdateCount();
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
